import { Command } from 'commander';
import { createAudioDecoder } from '@earshot/audio';
import { CommonConfig } from '@earshot/platform/config/common.config';
import { loadConfig } from '@earshot/platform/config/load-config';
import { writeJsonLine } from '../cli-output';
import { CommandRegistrar } from './command-registry';

/**
 * `earshot probe <file>`: one JSON line
 * `{"format","codec","durationSec","sampleRate","channels","bitsPerSample"?,"bytes"}` (a stable shape: tools parse it).
 * WAV is read from its header; other formats through ffprobe. Nothing is decoded unless the container states no
 * duration.
 */
export const registerProbe: CommandRegistrar = (program: Command) => {
  program
    .command('probe')
    .description('Describe an audio file as one JSON line: format, codec, duration, rate, channels, size')
    .argument('<file>', 'audio file (wav, flac, mp3, ogg/opus, m4a/aac, webm, ...)')
    .action(async (file: string) => {
      const config = loadConfig(CommonConfig);
      const p = await createAudioDecoder({
        ffmpegPath: config.ffmpegPath,
        ffprobePath: config.ffprobePath,
      }).probe(file);
      await writeJsonLine({
        format: p.format,
        codec: p.codec,
        durationSec: round(p.durationSec, 6),
        sampleRate: p.sampleRate,
        channels: p.channels,
        ...(p.bitsPerSample ? { bitsPerSample: p.bitsPerSample } : {}),
        bytes: p.bytes,
      });
    });
};

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
