import { readFileSync } from 'node:fs';
import { EarshotError } from '@earshot/contracts';
import { Cmvn, cmvnFromVectors, parseAmMvn } from '@earshot/features';
import { OnnxSession, OnnxSessionOptions, Outputs, ort } from '../onnx/onnx-session.adapter';
import { readOnnxMetadata } from '../onnx/onnx-metadata.reader';
import { SymbolTable } from './symbol-table';

export type SenseVoiceFlavour = 'sherpa' | 'funasr';

export interface SenseVoiceFiles {
  model: string;
  tokens: string;
  /** am.mvn, required for the FunASR flavour (the sherpa export keeps CMVN in its metadata). */
  cmvn?: string;
}

export interface SenseVoiceLoadOptions extends OnnxSessionOptions {
  /** Run the model once at load so the first job does not pay for kernel selection and allocation. Default true. */
  warmUp?: boolean;
  /** LFR window/shift when the model has no metadata (FunASR export: config.yaml frontend_conf). */
  lfrM?: number;
  lfrN?: number;
}

/** Query ids of SenseVoiceSmall (`model.py` lid_dict / textnorm_dict); the sherpa export repeats them in metadata. */
const DEFAULT_LANG_IDS: Record<string, number> = { auto: 0, zh: 3, en: 4, yue: 7, ja: 11, ko: 12, nospeech: 13 };
const DEFAULT_WITH_ITN = 14;
const DEFAULT_WITHOUT_ITN = 15;

const IO = {
  sherpa: { x: 'x', len: 'x_length', lang: 'language', tn: 'text_norm', logits: 'logits' },
  funasr: { x: 'speech', len: 'speech_lengths', lang: 'language', tn: 'textnorm', logits: 'ctc_logits' },
} as const;

export interface SenseVoiceBatch {
  /** [n, frames, featDim] LFR+CMVN features, zero-padded after each utterance's length. */
  x: Float32Array;
  n: number;
  frames: number;
  lengths: Int32Array;
  language: Int32Array;
  textNorm: Int32Array;
}

export interface SenseVoiceLogits {
  data: Float32Array;
  /** Output frames per utterance row (frames + 4). */
  frames: number;
  vocab: number;
}

/**
 * A loaded SenseVoice-format CTC model of either export flavour, with what decoding needs: tokens, CMVN, LFR
 * parameters, query ids. The flavour is recognised from the graph's input names.
 */
export class SenseVoiceModel {
  private constructor(
    readonly flavour: SenseVoiceFlavour,
    readonly session: OnnxSession,
    readonly tokens: SymbolTable,
    readonly cmvn: Cmvn,
    readonly lfrM: number,
    readonly lfrN: number,
    readonly blankId: number,
    readonly langIds: Readonly<Record<string, number>>,
    readonly withItnId: number,
    readonly withoutItnId: number,
    /** sherpa `normalize_samples`: 0 means the front-end scales [-1, 1] samples by 32768. */
    readonly normalizeSamples: boolean,
  ) {}

  get featureDim(): number {
    return this.cmvn.negMean.length;
  }

  get vocabSize(): number {
    return this.tokens.size;
  }

  static async load(files: SenseVoiceFiles, opts: SenseVoiceLoadOptions = {}): Promise<SenseVoiceModel> {
    const meta = readOnnxMetadata(files.model);
    const tokens = SymbolTable.fromFile(files.tokens);
    const session = await OnnxSession.load(files.model, opts);
    try {
      const model = SenseVoiceModel.fromParts(session, meta, tokens, files, opts);
      if (opts.warmUp ?? true) await model.warmUp();
      return model;
    } catch (err) {
      await session.close();
      throw err;
    }
  }

  private static fromParts(
    session: OnnxSession,
    meta: Record<string, string>,
    tokens: SymbolTable,
    files: SenseVoiceFiles,
    opts: SenseVoiceLoadOptions,
  ): SenseVoiceModel {
    const inputs = new Set(session.inputNames);
    const flavour: SenseVoiceFlavour | undefined = ['x', 'x_length', 'language', 'text_norm'].every((n) => inputs.has(n))
      ? 'sherpa'
      : ['speech', 'speech_lengths', 'language', 'textnorm'].every((n) => inputs.has(n))
        ? 'funasr'
        : undefined;
    if (!flavour)
      throw new EarshotError(
        'MODEL_INVALID',
        `${files.model} is not a SenseVoice-format model (inputs: ${session.inputNames.join(', ')})`,
      );
    if (!session.outputNames.includes(IO[flavour].logits))
      throw new EarshotError('MODEL_INVALID', `${files.model} has no "${IO[flavour].logits}" output`);

    const int = (key: string, fallback: number): number => {
      if (meta[key] === undefined) return fallback;
      const v = Number(meta[key]);
      if (!Number.isInteger(v)) throw new EarshotError('MODEL_INVALID', `${files.model}: metadata ${key}="${meta[key]}"`);
      return v;
    };
    let cmvn: Cmvn;
    if (files.cmvn) cmvn = parseAmMvn(readText(files.cmvn));
    else if (meta.neg_mean !== undefined && meta.inv_stddev !== undefined)
      cmvn = cmvnFromVectors(meta.neg_mean, meta.inv_stddev);
    else throw new EarshotError('MODEL_INVALID', `${files.model} has no CMVN in its metadata and no am.mvn was given`);

    const vocab = int('vocab_size', tokens.size);
    if (vocab !== tokens.size)
      throw new EarshotError('MODEL_INVALID', `${files.tokens} has ${tokens.size} tokens, the model ${vocab}`);
    const langIds: Record<string, number> = {};
    for (const [lang, id] of Object.entries(DEFAULT_LANG_IDS)) langIds[lang] = int(`lang_${lang}`, id);
    const lfrM = int('lfr_window_size', opts.lfrM ?? 7);
    const lfrN = int('lfr_window_shift', opts.lfrN ?? 6);
    if (cmvn.negMean.length % lfrM !== 0)
      throw new EarshotError('MODEL_INVALID', `${files.model}: CMVN dimension ${cmvn.negMean.length} is not ${lfrM}× a mel dim`);
    return new SenseVoiceModel(
      flavour,
      session,
      tokens,
      cmvn,
      lfrM,
      lfrN,
      int('blank_id', 0),
      langIds,
      int('with_itn', DEFAULT_WITH_ITN),
      int('without_itn', DEFAULT_WITHOUT_ITN),
      int('normalize_samples', 0) !== 0,
    );
  }

  /** Query id for a language; unknown strings and "auto" use the auto query, as sherpa and FunASR do. */
  languageId(language: string | undefined): number {
    if (!language) return this.langIds.auto;
    return this.langIds[language] ?? this.langIds.auto;
  }

  textNormId(useItn: boolean): number {
    return useItn ? this.withItnId : this.withoutItnId;
  }

  /** `out`: a reusable buffer for the logits (grown by the caller); a fresh one is allocated when too small. */
  async run(b: SenseVoiceBatch, out?: Float32Array): Promise<SenseVoiceLogits> {
    const io = IO[this.flavour];
    const feeds = {
      [io.x]: new ort.Tensor('float32', b.x, [b.n, b.frames, this.featureDim]),
      [io.len]: new ort.Tensor('int32', b.lengths, [b.n]),
      [io.lang]: new ort.Tensor('int32', b.language, [b.n]),
      [io.tn]: new ort.Tensor('int32', b.textNorm, [b.n]),
    };
    const frames = b.frames + 4;
    const size = b.n * frames * this.vocabSize;
    const data = out && out.length >= size ? out.subarray(0, size) : new Float32Array(size);
    const fetches: Outputs = { [io.logits]: new ort.Tensor('float32', data, [b.n, frames, this.vocabSize]) };
    if (this.flavour === 'funasr') fetches.encoder_out_lens = new ort.Tensor('int32', new Int32Array(b.n), [b.n]);
    const res = await this.session.run(feeds, fetches);
    const logits = res[io.logits];
    const dims = logits.dims;
    if (dims.length !== 3 || dims[0] !== b.n || dims[1] !== frames || dims[2] !== this.vocabSize)
      throw new EarshotError('INFERENCE_FAILED', `Unexpected logits shape [${dims.join(', ')}]`);
    return { data: logits.data as Float32Array, frames, vocab: this.vocabSize };
  }

  /** About one second of zero features: primes kernels and arenas before the first real job. */
  async warmUp(): Promise<void> {
    const frames = 17;
    await this.run({
      x: new Float32Array(frames * this.featureDim),
      n: 1,
      frames,
      lengths: Int32Array.of(frames),
      language: Int32Array.of(this.langIds.auto),
      textNorm: Int32Array.of(this.withoutItnId),
    });
  }

  close(): Promise<void> {
    return this.session.close();
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new EarshotError('MODEL_NOT_FOUND', `File ${path} is missing`);
  }
}
