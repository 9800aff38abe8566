import { EarshotError } from '@earshot/contracts';
import { FeatureFrontend, FeatureMatrix, lfrFrameCount } from '@earshot/features';
import { FloatBufferPool } from './float-buffer.pool';
import { QUERY_FRAMES, ctcGreedyDecode, softmaxOf } from './ctc-greedy.decoder';
import { SenseVoiceLogits, SenseVoiceModel } from './sensevoice-model';
import { SP_SPACE } from './symbol-table';
import { TagGroup, tagGroups } from './tag-groups';

export interface RecognizeOptions {
  /** auto | zh | en | yue | ja | ko | nospeech; unknown values use the auto query (sherpa, FunASR). */
  language?: string;
  /** Ask the model for written form with punctuation (query withitn) instead of spoken form (woitn). */
  useItn?: boolean;
  /** FunASR torch's ban_emo_unk: never emit <|EMO_UNKNOWN|>. Off by default, like sherpa and funasr_onnx. */
  banEmoUnknown?: boolean;
  /** Called after each batch is decoded, with the indices of its utterances (for progress reports). */
  onBatch?: (utterances: readonly number[]) => void;
}

export interface BatchingOptions {
  /** Utterances per forward pass. */
  maxBatch?: number;
  /** Upper bound on padded LFR frames per forward (batch size × longest), ~0.06 s each. */
  maxBatchFrames?: number;
}

export interface TagGuess {
  /** Bare label: "en", "NEUTRAL", "Speech", "woitn". */
  label: string;
  /** The emitted piece, e.g. "<|en|>". */
  token: string;
  /** Softmax probability of the emitted tag at its frame. */
  score: number;
  /** Probabilities of every tag of the same group at that frame (full-vocabulary softmax). */
  scores: Record<string, number>;
}

export interface RecognizedToken {
  id: number;
  /** The SentencePiece piece, "▁" kept. */
  piece: string;
  /** Start time in seconds from the start of the utterance: 0.06 × (frame − 4). */
  start: number;
}

export interface UtteranceResult {
  language?: TagGuess;
  emotion?: TagGuess;
  event?: TagGuess;
  itn?: TagGuess;
  /** Text tokens (emitted position 4 on, as sherpa-onnx returns them). */
  tokens: RecognizedToken[];
  /** Text pieces joined, "▁" as a space, trimmed on the left (sherpa-onnx `text`). */
  text: string;
  /** All emitted pieces as FunASR's SentencePiece decode gives them: "<|en|><|NEUTRAL|><|Speech|><|woitn|>hello". */
  tagged: string;
  /** LFR frames fed to the model. */
  frames: number;
}

const DEFAULT_BATCHING: Required<BatchingOptions> = { maxBatch: 8, maxBatchFrames: 1000 };

/**
 * Samples in, per-utterance results out: fbank → LFR → CMVN (libs/features), zero-padded batches grouped by
 * length, one forward per batch, greedy CTC and tag reading. Utterances must be ≤ 30 s (the caller segments).
 */
export class SenseVoiceRecognizer {
  private readonly frontend: FeatureFrontend;
  private readonly groups: TagGroup[];
  private readonly batching: Required<BatchingOptions>;
  private readonly emoUnknownId: number;
  private readonly pool = new FloatBufferPool(3);

  constructor(
    readonly model: SenseVoiceModel,
    batching: BatchingOptions = {},
  ) {
    const melDim = model.featureDim / model.lfrM;
    this.frontend = new FeatureFrontend({
      fbank: { numMelBins: melDim, sampleScale: model.normalizeSamples ? 1 : 32768 },
      lfr: { m: model.lfrM, n: model.lfrN, padding: 'reference' },
      cmvn: model.cmvn,
    });
    this.groups = tagGroups(model.tokens);
    this.batching = { ...DEFAULT_BATCHING, ...batching };
    this.emoUnknownId = model.tokens.id('<|EMO_UNKNOWN|>') ?? -1;
  }

  /** Seconds per output frame: 10 ms fbank shift × LFR shift. */
  get frameSeconds(): number {
    return (this.model.lfrN * 10) / 1000;
  }

  features(samples: Float32Array): FeatureMatrix {
    return this.frontend.compute(samples);
  }

  /** LFR frames the front-end will produce for this many samples, without computing them. */
  framesFor(numSamples: number): number {
    return lfrFrameCount(this.frontend.fbank.numFrames(numSamples), { m: this.model.lfrM, n: this.model.lfrN, padding: 'reference' });
  }

  /**
   * Pipelined: while the model runs batch k (on onnxruntime's threads), this thread computes the features of
   * batch k+1 and decodes batch k−1, so front-end and argmax cost hide behind inference. Only two batches of
   * features and logits are alive at once, whatever the number of utterances.
   */
  async recognize(utterances: readonly Float32Array[], opts: RecognizeOptions = {}): Promise<UtteranceResult[]> {
    return this.pipeline(utterances.map((u) => this.framesFor(u.length)), (i) => this.features(utterances[i]), opts);
  }

  async recognizeFeatures(feats: readonly FeatureMatrix[], opts: RecognizeOptions = {}): Promise<UtteranceResult[]> {
    return this.pipeline(feats.map((f) => f.frames), (i) => feats[i], opts);
  }

  private async pipeline(
    lengths: readonly number[],
    featuresOf: (i: number) => FeatureMatrix,
    opts: RecognizeOptions,
  ): Promise<UtteranceResult[]> {
    const results: UtteranceResult[] = new Array(lengths.length);
    const batches = this.planBatches(lengths);
    const banned = opts.banEmoUnknown ? this.emoUnknownId : -1;
    let pending: { batch: number[]; feats: FeatureMatrix[]; run: Promise<SenseVoiceLogits> } | undefined;
    for (let k = 0; k <= batches.length; k++) {
      // start batch k before decoding batch k-1
      let next: typeof pending;
      if (k < batches.length) {
        const feats = batches[k].map(featuresOf);
        next = { batch: batches[k], feats, run: this.runBatch(feats, opts) };
        // keep an early rejection from being reported as unhandled while batch k-1 is decoded
        next.run.catch(() => undefined);
      }
      if (pending) {
        const logits = await pending.run;
        try {
          pending.feats.forEach((f, b) => {
            results[pending!.batch[b]] = this.decodeOne(logits.data, b * logits.frames * logits.vocab, f.frames, logits.vocab, banned);
          });
        } finally {
          this.pool.release(logits.data);
        }
        opts.onBatch?.(pending.batch);
      }
      pending = next;
    }
    return results;
  }

  /** Indices grouped by length so padding stays small; each group within maxBatch and maxBatchFrames. */
  planBatches(lengths: readonly number[]): number[][] {
    const order = lengths.map((_, i) => i).sort((a, b) => lengths[a] - lengths[b] || a - b);
    const batches: number[][] = [];
    let cur: number[] = [];
    for (const i of order) {
      const longest = Math.max(lengths[i], 1);
      if (cur.length > 0 && (cur.length >= this.batching.maxBatch || longest * (cur.length + 1) > this.batching.maxBatchFrames)) {
        batches.push(cur);
        cur = [];
      }
      cur.push(i);
    }
    if (cur.length) batches.push(cur);
    return batches;
  }

  private async runBatch(feats: readonly FeatureMatrix[], opts: RecognizeOptions): Promise<SenseVoiceLogits> {
    const m = this.model;
    const dim = m.featureDim;
    const n = feats.length;
    for (const f of feats)
      if (f.dim !== dim) throw new EarshotError('INVALID_ARGUMENT', `features have ${f.dim} dims, the model ${dim}`);
    const frames = Math.max(...feats.map((f) => f.frames));
    let x: Float32Array;
    if (n === 1) x = feats[0].data;
    else {
      // zero padding, as sherpa and funasr_onnx pad (spec §1.7); x_length masks it inside the encoder
      x = new Float32Array(n * frames * dim);
      feats.forEach((f, b) => x.set(f.data, b * frames * dim));
    }
    const lang = m.languageId(opts.language);
    const tn = m.textNormId(opts.useItn ?? false);
    const out = this.pool.acquire(n * (frames + QUERY_FRAMES) * m.vocabSize);
    try {
      const logits = await m.run(
        {
          x,
          n,
          frames,
          lengths: Int32Array.from(feats, (f) => f.frames),
          language: new Int32Array(n).fill(lang),
          textNorm: new Int32Array(n).fill(tn),
        },
        out,
      );
      if (logits.frames !== frames + QUERY_FRAMES)
        throw new EarshotError('INFERENCE_FAILED', `model returned ${logits.frames} frames for ${frames} + 4`);
      // the runtime wrote into `out`; hand that buffer on so it returns to the pool after decoding
      return { ...logits, data: out.subarray(0, logits.data.length) };
    } catch (err) {
      this.pool.release(out);
      throw err;
    }
  }

  private decodeOne(data: Float32Array, offset: number, frames: number, vocab: number, banned: number): UtteranceResult {
    const tokens = this.model.tokens;
    const ctc = ctcGreedyDecode(data, offset, frames + QUERY_FRAMES, vocab, this.model.blankId, banned, QUERY_FRAMES);
    // sherpa-onnx reads language / emotion / event / itn from the first four *emitted* tokens (spec §4.2)
    const tag = (k: number): TagGuess | undefined => {
      if (k >= ctc.ids.length) return undefined;
      const id = ctc.ids[k];
      const piece = tokens.piece(id);
      const group = this.groups.find((g) => g.ids.includes(id)) ?? this.groups[k];
      const probs = group ? softmaxOf(data, offset + ctc.frames[k] * vocab, vocab, group.ids) : [];
      const scores: Record<string, number> = {};
      group?.labels.forEach((l, i) => (scores[l] = probs[i]));
      return { label: bareTag(piece), token: piece, score: Math.exp(ctc.logProbs[k]), scores };
    };
    const shift = this.model.lfrN * 10;
    const textTokens: RecognizedToken[] = [];
    for (let k = QUERY_FRAMES; k < ctc.ids.length; k++) {
      const id = ctc.ids[k];
      textTokens.push({ id, piece: tokens.piece(id), start: ((ctc.frames[k] - QUERY_FRAMES) * shift) / 1000 });
    }
    const text = textTokens
      .map((t) => tokens.display(t.id))
      .join('')
      .replace(/^\s+/, '');
    const tagged = ctc.ids.map((id) => tokens.piece(id)).join('').split(SP_SPACE).join(' ').replace(/^ /, '');
    return {
      language: tag(0),
      emotion: tag(1),
      event: tag(2),
      itn: tag(3),
      tokens: textTokens,
      text,
      tagged,
      frames,
    };
  }
}

/** "<|en|>" → "en"; anything else unchanged. */
export function bareTag(piece: string): string {
  const m = /^<\|(.*)\|>$/.exec(piece);
  return m ? m[1] : piece;
}
