import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { ASR_LANGUAGES, AsrLanguage, EarshotError, renderTranscript, TRANSCRIPT_FORMATS, TranscriptFormat } from '@earshot/contracts';
import { createAudioDecoder } from '@earshot/audio';
import { AsrTranscriber, AudioSegmenter, EnergySegmenter, ItnFunction, loadAsrModel, SenseVoiceRecognizer, VadSegmenter } from '@earshot/inference';
import { isItnLanguage, normalize } from '@earshot/itn';
import { CommonConfig, loadConfig } from '@earshot/platform';
import { writeOut } from '../cli-output';
import { CommandRegistrar } from './command-registry';

interface TranscribeFlags {
  language: AsrLanguage;
  itn: boolean;
  format?: TranscriptFormat;
  model?: string;
  threads?: string;
  maxSegment: string;
  vad: boolean;
}

/** Rules-based ITN for text the model left in spoken form; skipped for languages without a grammar. */
const ruleItn: ItnFunction = (text, language) => {
  if (!isItnLanguage(language)) return undefined;
  try {
    return normalize(text, language).text;
  } catch {
    return undefined;
  }
};

/** MODELS_DIR as given, else (relative and absent from the cwd) the models/ directory of this installation. */
function modelsDir(configured: string): string {
  if (isAbsolute(configured) || existsSync(configured)) return resolve(configured);
  const here = [join(__dirname, '..', '..', '..', '..', 'models'), join(__dirname, '..', '..', '..', '..', '..', 'models')];
  return here.find((d) => existsSync(d)) ?? resolve(configured);
}

/**
 * `earshot transcribe <file>`: the embedded pipeline in one process — decode (ffmpeg or the WAV fast path),
 * Silero VAD segments (≤ 30 s; `--no-vad`: quiet-point cuts over the whole audio), features, SenseVoice-format model, CTC decode — and one rich ASR result.
 */
export const registerTranscribe: CommandRegistrar = (program: Command) => {
  program
    .command('transcribe')
    .description('Transcribe an audio file: text, language, emotion, events, timed segments')
    .argument('<file>', 'audio file (wav, flac, mp3, ogg, m4a, webm, ...)')
    .addOption(new Option('--language <lang>', 'spoken language').choices(ASR_LANGUAGES as unknown as string[]).default('auto'))
    .option('--itn', 'written form: numbers, punctuation (the model, else the ITN rules)', false)
    .option('--no-itn', 'spoken form (default)')
    .addOption(
      new Option('--format <format>', 'output format (default: text on a terminal, json otherwise)').choices(
        TRANSCRIPT_FORMATS as unknown as string[],
      ),
    )
    .option('--model <name>', 'model directory under MODELS_DIR (default: sensevoice-small if fetched, else digits-en-ctc)')
    .option('--threads <n>', 'onnxruntime intra-op threads (default: ORT_INTRA_OP_THREADS)')
    .option('--max-segment <seconds>', 'longest piece fed to the model (1–30)', '20')
    .option('--no-vad', 'no voice activity detection: cut the whole audio at quiet points instead')
    .action(async (file: string, flags: TranscribeFlags) => {
      const config = loadConfig(CommonConfig);
      const threads = flags.threads === undefined ? config.ortIntraOpThreads : Number(flags.threads);
      if (!Number.isInteger(threads) || threads < 1 || threads > 64)
        throw new EarshotError('INVALID_ARGUMENT', '--threads must be a whole number from 1 to 64', 'threads');
      const maxSegmentSec = Number(flags.maxSegment);
      if (!Number.isFinite(maxSegmentSec) || maxSegmentSec < 1 || maxSegmentSec > 30)
        throw new EarshotError('INVALID_ARGUMENT', '--max-segment must be between 1 and 30 seconds', 'max-segment');
      if (!existsSync(file)) throw new EarshotError('NOT_FOUND', `No such file: ${file}`, 'file');

      const decoder = createAudioDecoder({ ffmpegPath: config.ffmpegPath, ffprobePath: config.ffprobePath });
      // decode and model load are independent: overlap them
      const [audio, loaded, segmenter] = await Promise.all([
        decoder.decodeFile(file),
        loadAsrModel(modelsDir(config.modelsDir), { model: flags.model, intraOpThreads: threads }),
        flags.vad ? VadSegmenter.load({ maxSegmentSec, intraOpThreads: threads }) : new EnergySegmenter({ maxSegmentSec }),
      ] as const);
      try {
        const transcriber = new AsrTranscriber(
          new SenseVoiceRecognizer(loaded.model),
          { name: loaded.pkg.name, format: loaded.pkg.manifest.format },
          { segmenter: segmenter as AudioSegmenter, itn: ruleItn },
        );
        const result = await transcriber.transcribe(audio.samples, { language: flags.language, itn: flags.itn });
        const format = flags.format ?? (process.stdout.isTTY ? 'text' : 'json');
        if (format !== 'json') process.stderr.write(`earshot: model ${result.model.name}\n`);
        await writeOut(renderTranscript(result, format));
      } finally {
        await loaded.model.close();
        if (segmenter instanceof VadSegmenter) await segmenter.close();
      }
    });
};
