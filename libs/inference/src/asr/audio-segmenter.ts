/** A span of samples [start, end) of 16 kHz audio. */
export interface SampleRange {
  start: number;
  end: number;
}

/** Cuts audio into pieces the model can take (≤ 30 s). A VAD is one; the energy splitter below is the fallback. */
export interface AudioSegmenter {
  segment(samples: Float32Array): Promise<SampleRange[]> | SampleRange[];
}

export interface EnergySegmenterOptions {
  /** Longest piece, seconds (≤ 30: SenseVoice is trained on ≤ 30 s; 10–20 s is faster, attention is quadratic). */
  maxSegmentSec?: number;
  /** Look back this far from the cap for the quietest point to cut at. */
  searchSec?: number;
  sampleRate?: number;
}

const FRAME = 160; // 10 ms at 16 kHz

/**
 * Fallback segmentation when no VAD runs: covers the whole audio with pieces of at most `maxSegmentSec`, each cut
 * at the quietest 10 ms frame of the last `searchSec` before the cap (so words are rarely split). Silence is not
 * removed: the model sees it and decodes it to blanks.
 */
export class EnergySegmenter implements AudioSegmenter {
  private readonly maxLen: number;
  private readonly search: number;

  constructor(opts: EnergySegmenterOptions = {}) {
    const rate = opts.sampleRate ?? 16000;
    this.maxLen = Math.max(FRAME * 2, Math.floor((opts.maxSegmentSec ?? 20) * rate));
    this.search = Math.min(this.maxLen >> 1, Math.floor((opts.searchSec ?? 4) * rate));
  }

  segment(samples: Float32Array): SampleRange[] {
    const out: SampleRange[] = [];
    let start = 0;
    const n = samples.length;
    while (n - start > this.maxLen) {
      const cap = start + this.maxLen;
      let best = cap;
      let bestEnergy = Infinity;
      for (let f = cap - FRAME; f >= cap - this.search; f -= FRAME) {
        let e = 0;
        for (let i = f; i < f + FRAME; i++) e += samples[i] * samples[i];
        if (e < bestEnergy) {
          bestEnergy = e;
          best = f + (FRAME >> 1);
        }
      }
      out.push({ start, end: best });
      start = best;
    }
    if (n > start || n === 0) out.push({ start, end: n });
    return out;
  }
}
