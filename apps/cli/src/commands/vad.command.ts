import { Command, InvalidArgumentError } from 'commander';
import { createAudioDecoder } from '@earshot/audio';
import { SileroVad, VadOptions } from '@earshot/features/vad';
import { CommonConfig } from '@earshot/platform/config/common.config';
import { loadConfig } from '@earshot/platform/config/load-config';
import { writeJsonLine } from '../cli-output';
import { CommandRegistrar } from './command-registry';

interface VadFlags {
  threshold?: number;
  negThreshold?: number;
  minSpeech?: number;
  minSilence?: number;
  pad?: number;
  maxSegment?: number;
}

/** Shape checks only; ranges are checked by resolveVadOptions so the CLI and the library say the same thing. */
function num(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('Not a number.');
  return n;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * `earshot vad <file>`: speech segments from Silero VAD as one JSON line,
 * `{"durationSec": n, "segments": [{"start": s, "end": s}]}` (seconds, millisecond precision; a stable shape).
 */
export const registerVad: CommandRegistrar = (program: Command) => {
  program
    .command('vad')
    .description('Find speech segments (Silero VAD) and print them as one JSON line')
    .argument('<file>', 'audio file (any common format; decoded to 16 kHz mono)')
    .option('--threshold <n>', 'speech probability that starts speech (0-1, default 0.5)', num)
    .option('--neg-threshold <n>', 'probability below which speech may end (default threshold - 0.15)', num)
    .option('--min-speech <s>', 'drop segments not longer than this (default 0.25)', num)
    .option('--min-silence <s>', 'silence that ends a segment (default 0.5)', num)
    .option('--pad <s>', 'padding on both sides of a segment (default 0.03)', num)
    .option(
      '--max-segment <s>',
      'longest segment, split at the least speech-like point (1-30, default 30)',
      num,
    )
    .action(async (file: string, flags: VadFlags) => {
      const config = loadConfig(CommonConfig);
      const options: Partial<VadOptions> = {
        threshold: flags.threshold,
        negThreshold: flags.negThreshold,
        minSpeechSec: flags.minSpeech,
        minSilenceSec: flags.minSilence,
        speechPadSec: flags.pad,
        maxSegmentSec: flags.maxSegment,
      };
      // Options are validated before anything is loaded or decoded.
      const vad = await SileroVad.load(options, { intraOpThreads: config.ortIntraOpThreads });
      try {
        const audio = await createAudioDecoder({
          ffmpegPath: config.ffmpegPath,
          ffprobePath: config.ffprobePath,
        }).decodeFile(file);
        const segments = await vad.detect(audio.samples);
        await writeJsonLine({
          durationSec: round3(audio.durationSec),
          segments: segments.map((s) => ({ start: round3(s.start), end: round3(s.end) })),
        });
      } finally {
        await vad.close();
      }
    });
};
