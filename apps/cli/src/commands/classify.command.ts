import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { EarshotError, isErrorCode } from '@earshot/contracts';
import { AudioDecoder, createAudioDecoder } from '@earshot/audio';
import {
  CLASSIFY_TASKS,
  ClassifierModel,
  WindowedClassifier,
  classifyClip,
  classifyTask,
} from '@earshot/inference';
import { CommonConfig, loadConfig } from '@earshot/platform';
import { writeJsonLine, writeOut } from '../cli-output';
import { CommandRegistrar } from './command-registry';

/** MODELS_DIR as given, else (relative and absent from the cwd) the models/ directory of this installation. */
export function resolveModelsDir(configured: string): string {
  if (isAbsolute(configured) || existsSync(configured)) return resolve(configured);
  const here = [
    join(__dirname, '..', '..', '..', '..', 'models'),
    join(__dirname, '..', '..', '..', '..', '..', 'models'),
  ];
  return here.find((d) => existsSync(d)) ?? resolve(configured);
}

export interface PerFileContext {
  decoder: AudioDecoder;
  json: boolean;
}

/**
 * Runs `work` on each file in order. A file that fails does not stop the others: with --json its line is
 * `{"file","error":{"code","message"}}` on stdout (one line per input, in order, so consumers can zip them);
 * without, a one-line message on stderr. Ends with a typed error (exit 1) when any file failed.
 */
export async function forEachFile(
  files: string[],
  ctx: PerFileContext,
  work: (file: string, samples: Float32Array) => Promise<{ json: Record<string, unknown>; text: string }>,
): Promise<void> {
  let failed = 0;
  let firstCode: EarshotError['code'] = 'INTERNAL';
  for (const file of files) {
    try {
      if (!existsSync(file)) throw new EarshotError('NOT_FOUND', `No such file: ${file}`, 'file');
      const audio = await ctx.decoder.decodeFile(file);
      const out = await work(file, audio.samples);
      await (ctx.json ? writeJsonLine({ file, ...out.json }) : writeOut(`${file}\t${out.text}\n`));
    } catch (err) {
      const e = toEarshotError(err);
      if (failed++ === 0) firstCode = e.code;
      if (ctx.json) await writeJsonLine({ file, error: { code: e.code, message: e.message } });
      else process.stderr.write(`earshot: ${file}: ${e.code}: ${e.message}\n`);
    }
  }
  if (failed > 0)
    throw new EarshotError(firstCode, `${failed} of ${files.length} file(s) could not be processed`);
}

function toEarshotError(err: unknown): EarshotError {
  if (err instanceof EarshotError) return err;
  const code = (err as { code?: unknown })?.code;
  const message = (err instanceof Error ? err.message : String(err)).split('\n')[0];
  return new EarshotError(isErrorCode(code) ? code : 'INTERNAL', message);
}

export function parseThreads(value: string | undefined, fallback: number): number {
  const threads = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(threads) || threads < 1 || threads > 64)
    throw new EarshotError('INVALID_ARGUMENT', '--threads must be a whole number from 1 to 64', 'threads');
  return threads;
}

interface ClassifyFlags {
  task: string;
  json: boolean;
  threads?: string;
}

/**
 * `earshot classify --task aed <file...> [--json]`: one line per file, `{"file","label","scores":{...}}` with --json
 * (label "silence" when the audio is under the model's energy floor). Tasks come from CLASSIFY_TASKS.
 */
export const registerClassify: CommandRegistrar = (program: Command) => {
  program
    .command('classify')
    .description('Classify audio files with a shipped classifier (audio events; more tasks as models land)')
    .argument('<file...>', 'audio files (wav, flac, mp3, ogg, m4a, webm, ...)')
    .addOption(
      new Option('--task <task>', 'what to classify')
        .choices(Object.keys(CLASSIFY_TASKS))
        .makeOptionMandatory(),
    )
    .option('--json', 'one JSON object per line: {"file","label","scores"}', false)
    .option('--threads <n>', 'onnxruntime intra-op threads (default: ORT_INTRA_OP_THREADS)')
    .action(async (files: string[], flags: ClassifyFlags) => {
      const config = loadConfig(CommonConfig);
      const task = classifyTask(flags.task);
      const threads = parseThreads(flags.threads, config.ortIntraOpThreads);
      const model = await ClassifierModel.load(join(resolveModelsDir(config.modelsDir), task.model), {
        intraOpThreads: threads,
      });
      try {
        const classifier = new WindowedClassifier(model);
        const decoder = createAudioDecoder({
          ffmpegPath: config.ffmpegPath,
          ffprobePath: config.ffprobePath,
        });
        await forEachFile(files, { decoder, json: flags.json }, async (_file, samples) => {
          const r = await classifyClip(classifier, samples);
          return {
            json: { label: r.label, scores: r.scores },
            text: `${r.label}\t${(r.scores[r.label] ?? 0).toFixed(3)}`,
          };
        });
      } finally {
        await model.close();
      }
    });
};
