import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { ASR_LANGUAGES, AsrLanguage, EarshotError, UNDERSTAND_TASKS } from '@earshot/contracts';
import { CommonConfig, loadConfig } from '@earshot/platform';
import { parseUnderstandOptions, UNDERSTAND_FORMATS, UnderstandFormat } from '../../../gateway/src/transcription/request-options';
import { renderRich } from '../../../gateway/src/transcription/transcript-render';
import { writeOut } from '../cli-output';
import { createEmbeddedPipeline } from '../embedded/embedded-pipeline';
import { transcriptionProgress } from '../progress-bar';
import { CommandRegistrar } from './command-registry';

interface TranscribeFlags {
  tasks: string;
  language: AsrLanguage;
  itn: boolean;
  format?: UnderstandFormat;
  model?: string;
  threads?: string;
  maxSegment: string;
  vad: boolean;
  progress?: boolean;
}

/** MODELS_DIR as given, else (relative and absent from the cwd) the models/ directory of this installation. */
function modelsDir(configured: string): string {
  if (isAbsolute(configured) || existsSync(configured)) return resolve(configured);
  const here = [join(__dirname, '..', '..', '..', '..', 'models'), join(__dirname, '..', '..', '..', '..', '..', 'models')];
  return here.find((d) => existsSync(d)) ?? resolve(configured);
}

/**
 * `earshot transcribe <file>`: the gateway's flow `merge ← [itn ← asr, lid, ser, aed]` with the real workers, in this
 * process on the in-memory queue (embedded mode), printing the rich transcript the HTTP API would answer.
 */
export const registerTranscribe: CommandRegistrar = (program: Command) => {
  program
    .command('transcribe')
    .description('Transcribe an audio file: text, language, emotion, events, timed segments (embedded mode)')
    .argument('<file>', 'audio file (wav, flac, mp3, ogg, m4a, webm, ...)')
    .option('--tasks <list>', `analyses to run, comma separated (asr always runs): ${UNDERSTAND_TASKS.join(',')}`, UNDERSTAND_TASKS.join(','))
    .addOption(new Option('--language <lang>', 'spoken language').choices(ASR_LANGUAGES as unknown as string[]).default('auto'))
    .option('--itn', 'written form: numbers, punctuation (the model, else the ITN rules)', false)
    .option('--no-itn', 'spoken form (default)')
    .addOption(
      new Option('--format <format>', 'output format (default: text on a terminal, json otherwise)').choices(
        UNDERSTAND_FORMATS as unknown as string[],
      ),
    )
    .option('--model <name>', 'ASR model directory under MODELS_DIR (default: sensevoice-small if fetched, else digits-en-ctc)')
    .option('--threads <n>', 'onnxruntime intra-op threads per model (default: ORT_INTRA_OP_THREADS)')
    .option('--max-segment <seconds>', 'longest piece fed to the ASR model (1–30)', '20')
    .option('--no-vad', 'no voice activity detection: cut the whole audio at quiet points instead')
    .option('--progress', 'draw a progress bar on stderr (default: when stderr is a terminal)')
    .option('--no-progress', 'never draw the progress bar')
    .action(async (file: string, flags: TranscribeFlags) => {
      const config = loadConfig(CommonConfig);
      const threads = flags.threads === undefined ? config.ortIntraOpThreads : Number(flags.threads);
      if (!Number.isInteger(threads) || threads < 1 || threads > 64)
        throw new EarshotError('INVALID_ARGUMENT', '--threads must be a whole number from 1 to 64', 'threads');
      const maxSegmentSec = Number(flags.maxSegment);
      if (!Number.isFinite(maxSegmentSec) || maxSegmentSec < 1 || maxSegmentSec > 30)
        throw new EarshotError('INVALID_ARGUMENT', '--max-segment must be between 1 and 30 seconds', 'max-segment');
      // the same validation as the gateway's `tasks` field
      const { tasks } = parseUnderstandOptions({ tasks: flags.tasks });
      if (!existsSync(file)) throw new EarshotError('NOT_FOUND', `No such file: ${file}`, 'file');

      const pipeline = await createEmbeddedPipeline({
        modelsDir: modelsDir(config.modelsDir),
        tasks,
        asrModel: flags.model,
        threads,
        maxSegmentSec,
        segmenter: flags.vad ? 'vad' : 'energy',
      });
      const progress = transcriptionProgress(flags.progress);
      try {
        const t = await pipeline.transcribe(file, { tasks, language: flags.language, itn: flags.itn }, (p) => progress.update(p));
        progress.stop();
        const format = flags.format ?? (process.stdout.isTTY ? 'text' : 'json');
        if (format === 'json') return await writeOut(`${JSON.stringify(t, null, 2)}\n`);
        process.stderr.write(`earshot: model ${t.models.asr}\n`);
        for (const m of t.missing) process.stderr.write(`earshot: no ${m.task}: ${m.reason}\n`);
        await writeOut(renderRich(t, format).body as string);
      } finally {
        progress.stop();
        await pipeline.close();
      }
    });
};
