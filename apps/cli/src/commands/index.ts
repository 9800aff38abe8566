import { CommandRegistrar } from './command-registry';
import { registerKeys } from './keys.command';
import { registerProbe } from './probe.command';

// One line per command; keep flags and output shapes stable, other tools call them.
export const COMMANDS: CommandRegistrar[] = [
  registerKeys,
  registerProbe,
];
