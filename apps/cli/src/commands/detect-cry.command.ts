import { join } from 'node:path';
import { Command } from 'commander';
import { createAudioDecoder } from '@earshot/audio';
import { CryDetector } from '@earshot/inference';
import { CommonConfig, loadConfig } from '@earshot/platform';
import { CommandRegistrar } from './command-registry';
import { forEachFile, parseThreads, resolveModelsDir } from './classify.command';

interface DetectCryFlags {
  json: boolean;
  model: string;
  threads?: string;
  segments: boolean;
}

/**
 * `earshot detect-cry <file...> [--json]`: one line per file, `{"file","crying","score"}` with --json
 * (`--segments` adds "threshold" and "segments"). Silence answers crying=false without a model call.
 * Bad files: see forEachFile (an error line, the other files still run, exit 1).
 */
export const registerDetectCry: CommandRegistrar = (program: Command) => {
  program
    .command('detect-cry')
    .description('Detect a crying baby in audio files (calibrated score and threshold from the model card)')
    .argument('<file...>', 'audio files (wav, flac, mp3, ogg, m4a, webm, ...)')
    .option('--json', 'one JSON object per line: {"file","crying","score"}', false)
    .option(
      '--segments',
      'with --json, also print "threshold" and the cry "segments" [{start,end,score}]',
      false,
    )
    .option('--model <name>', 'model directory under MODELS_DIR', 'aed-events')
    .option('--threads <n>', 'onnxruntime intra-op threads (default: ORT_INTRA_OP_THREADS)')
    .action(async (files: string[], flags: DetectCryFlags) => {
      const config = loadConfig(CommonConfig);
      const threads = parseThreads(flags.threads, config.ortIntraOpThreads);
      const detector = await CryDetector.load(join(resolveModelsDir(config.modelsDir), flags.model), {
        intraOpThreads: threads,
      });
      try {
        const decoder = createAudioDecoder({
          ffmpegPath: config.ffmpegPath,
          ffprobePath: config.ffprobePath,
        });
        await forEachFile(files, { decoder, json: flags.json }, async (_file, samples) => {
          const r = await detector.detect(samples);
          const extra = flags.segments ? { threshold: r.threshold, segments: r.segments } : {};
          return {
            json: { crying: r.crying, score: r.score, ...extra },
            text: `${r.crying ? 'crying' : 'not crying'}\t${r.score.toFixed(3)}`,
          };
        });
      } finally {
        await detector.close();
      }
    });
};
