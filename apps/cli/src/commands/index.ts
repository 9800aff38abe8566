import { CommandRegistrar } from './command-registry';
import { registerClassify } from './classify.command';
import { registerDetectCry } from './detect-cry.command';
import { registerFeatures } from './features.command';
import { registerItn } from './itn.command';
import { registerKeys } from './keys.command';
import { registerModels } from './models.command';
import { registerProbe } from './probe.command';
import { registerTranscribe } from './transcribe.command';
import { registerVad } from './vad.command';

// One line per command; keep flags and output shapes stable, other tools call them.
export const COMMANDS: CommandRegistrar[] = [
  registerClassify,
  registerDetectCry,
  registerFeatures,
  registerItn,
  registerKeys,
  registerModels,
  registerProbe,
  registerTranscribe,
  registerVad,
];
