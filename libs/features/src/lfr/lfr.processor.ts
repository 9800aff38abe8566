import { EarshotError } from '@earshot/contracts';
import { FeatureMatrix } from '../features.types';

export interface LfrOptions {
  /** Frames stacked per output frame (SenseVoice: 7). */
  m: number;
  /** Hop between output frames, in input frames (SenseVoice: 6). */
  n: number;
  /**
   * 'reference' (FunASR; sherpa-onnx after PR #3839): ceil(T/n) outputs, floor((m-1)/2) copies of frame 0 on
   * the left, the last frame repeated past the end. 'legacy' (sherpa-onnx <= 1.13.4): no padding,
   * floor((T-m)/n)+1 outputs.
   */
  padding?: 'reference' | 'legacy';
}

export const SENSEVOICE_LFR: Readonly<LfrOptions> = Object.freeze({ m: 7, n: 6, padding: 'reference' });

export function lfrFrameCount(frames: number, o: LfrOptions): number {
  if (o.padding === 'legacy') return frames < o.m ? 0 : Math.floor((frames - o.m) / o.n) + 1;
  return Math.ceil(frames / o.n);
}

/** Low frame rate stacking (sensevoice-spec §1.6): output frame i = frames clamp(n·i − left + j, 0, T−1), j < m. */
export function applyLfr(feats: FeatureMatrix, options: LfrOptions = SENSEVOICE_LFR): FeatureMatrix {
  const { m, n } = options;
  if (!Number.isInteger(m) || !Number.isInteger(n) || m < 1 || n < 1) {
    throw new EarshotError(
      'INVALID_ARGUMENT',
      `LFR m and n must be positive integers, got m=${m} n=${n}`,
      'lfr',
    );
  }
  const { data, frames, dim } = feats;
  const outFrames = lfrFrameCount(frames, options);
  const outDim = dim * m;
  const out = new Float32Array(outFrames * outDim);
  const left = options.padding === 'legacy' ? 0 : (m - 1) >> 1;
  const lastFrame = frames - 1;
  for (let i = 0; i < outFrames; i++) {
    const base = i * outDim;
    for (let j = 0; j < m; j++) {
      let src = n * i - left + j;
      if (src < 0) src = 0;
      else if (src > lastFrame) src = lastFrame;
      // A plain copy loop: subarray() would allocate a view per stacked frame.
      const from = src * dim;
      const to = base + j * dim;
      for (let d = 0; d < dim; d++) out[to + d] = data[from + d];
    }
  }
  return { data: out, frames: outFrames, dim: outDim };
}
