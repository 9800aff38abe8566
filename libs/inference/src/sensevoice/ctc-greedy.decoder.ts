/** SenseVoice output frames 0..3 answer the four queries; text frames start here. */
export const QUERY_FRAMES = 4;

export interface CtcGreedyResult {
  /** Emitted token ids, in order (the tag tokens of the query frames included, as sherpa and FunASR keep them). */
  ids: number[];
  /** Output frame at which each emitted token starts. */
  frames: number[];
  /** log-softmax of the first `scored` emitted tokens at their start frames (the tags use it as a confidence). */
  logProbs: number[];
}

/**
 * Greedy CTC over one utterance of a [N, Tmax, V] logits tensor (sensevoice-spec §4.1): argmax per frame (first
 * maximum wins, like std::max_element), emit when not blank and not equal to the previous frame's argmax (prev is
 * updated on blanks too). Only `frames` rows are read, i.e. x_length + 4, never the batch padding.
 */
export function ctcGreedyDecode(
  logits: Float32Array,
  offset: number,
  frames: number,
  vocab: number,
  blank: number,
  banned: number = -1,
  scored: number = Infinity,
): CtcGreedyResult {
  const ids: number[] = [];
  const at: number[] = [];
  const logProbs: number[] = [];
  let prev = -1;
  for (let t = 0; t < frames; t++) {
    const base = offset + t * vocab;
    const y = argmaxRow(logits, base, vocab, banned);
    if (y !== blank && y !== prev) {
      ids.push(y);
      at.push(t);
      // a softmax costs two more passes over the row: only where a score is used (the tag tokens)
      if (ids.length <= scored) logProbs.push(logSoftmaxAt(logits, base, vocab, y, banned));
    }
    prev = y;
  }
  return { ids, frames: at, logProbs };
}

/** First index of the maximum of row[base .. base+vocab); `banned` (e.g. EMO_UNKNOWN with ban_emo_unk) never wins. */
export function argmaxRow(data: Float32Array, base: number, vocab: number, banned: number = -1): number {
  // Plain typed-array scan: V8 keeps this in registers; no per-frame allocation. This is 3–4 % of model time on the
  // 25 055-piece vocabulary, so it is worth keeping tight.
  let best = -Infinity;
  let bi = 0;
  const end = base + vocab;
  for (let i = base; i < end; i++) {
    const v = data[i];
    if (v > best) {
      best = v;
      bi = i;
    }
  }
  let id = bi - base;
  if (id === banned) {
    best = -Infinity;
    id = 0;
    for (let i = base; i < end; i++) {
      const v = data[i];
      if (i - base !== banned && v > best) {
        best = v;
        id = i - base;
      }
    }
  }
  return id;
}

/** log softmax of one entry of a row, numerically stable; only run for emitted tokens. */
export function logSoftmaxAt(data: Float32Array, base: number, vocab: number, id: number, banned: number = -1): number {
  let max = -Infinity;
  for (let i = 0; i < vocab; i++) if (i !== banned && data[base + i] > max) max = data[base + i];
  let sum = 0;
  for (let i = 0; i < vocab; i++) if (i !== banned) sum += Math.exp(data[base + i] - max);
  return data[base + id] - max - Math.log(sum);
}

/** Softmax probabilities of a set of ids in one row (full-vocabulary normalisation), for tag score tables. */
export function softmaxOf(data: Float32Array, base: number, vocab: number, ids: readonly number[]): number[] {
  let max = -Infinity;
  for (let i = 0; i < vocab; i++) if (data[base + i] > max) max = data[base + i];
  let sum = 0;
  for (let i = 0; i < vocab; i++) sum += Math.exp(data[base + i] - max);
  return ids.map((id) => Math.exp(data[base + id] - max) / sum);
}
