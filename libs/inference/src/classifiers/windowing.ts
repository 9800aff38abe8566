/** A piece of audio fed to the model in one run, in samples: [start, end). */
export interface SampleWindow {
  start: number;
  end: number;
}

export interface WindowPlan {
  windowSamples: number;
  hopSamples: number;
  /** Window starts after the first are multiples of this (the model's output-frame grid). */
  alignSamples: number;
}

/**
 * Windows over `n` samples: one window when the audio fits; else starts 0, hop, 2·hop, ... and one last window
 * ending at the end of the audio (its start rounded down to the grid). Same rule as scripts/train/aed/evaluate.py,
 * so the val calibration holds for the runtime.
 */
export function planWindows(n: number, plan: WindowPlan): SampleWindow[] {
  const { windowSamples: win, hopSamples: hop, alignSamples: grid } = plan;
  if (n <= win) return [{ start: 0, end: n }];
  const out: SampleWindow[] = [];
  let s = 0;
  for (; s + win <= n; s += hop) out.push({ start: s, end: s + win });
  const last = Math.floor((n - win) / grid) * grid;
  if (out[out.length - 1].start < last) out.push({ start: last, end: last + win });
  return out;
}

/** RMS level in dB re full scale (1.0) of samples[start, end); -Infinity for digital silence. */
export function rmsDbfs(samples: Float32Array, start = 0, end = samples.length): number {
  if (end <= start) return -Infinity;
  let acc = 0;
  for (let i = start; i < end; i++) acc += samples[i] * samples[i];
  return 10 * Math.log10(acc / (end - start) + 1e-20);
}
