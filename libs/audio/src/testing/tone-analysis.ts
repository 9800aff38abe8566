/** Amplitude of the `freq` component of `x` (a single-bin DFT over a Hann-free window of whole samples). */
export function toneAmplitude(
  x: Float32Array,
  freq: number,
  sampleRate: number,
  from = 0,
  to = x.length,
): number {
  let re = 0;
  let im = 0;
  const w = (2 * Math.PI * freq) / sampleRate;
  for (let i = from; i < to; i++) {
    re += x[i] * Math.cos(w * i);
    im -= x[i] * Math.sin(w * i);
  }
  return (2 * Math.hypot(re, im)) / (to - from);
}

export function rms(x: Float32Array, from = 0, to = x.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i] * x[i];
  return Math.sqrt(s / Math.max(1, to - from));
}

/** The frequency in [lo, hi] Hz (step `step`) with the largest amplitude. */
export function peakFrequency(
  x: Float32Array,
  sampleRate: number,
  lo: number,
  hi: number,
  step: number,
): number {
  let best = lo;
  let bestA = -1;
  for (let f = lo; f <= hi; f += step) {
    const a = toneAmplitude(x, f, sampleRate);
    if (a > bestA) {
      bestA = a;
      best = f;
    }
  }
  return best;
}
