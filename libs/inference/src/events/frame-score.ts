/**
 * Frame score of each class over one window: the maximum over time of the moving average of `k` consecutive frame
 * scores (the mean of all frames when there are at most `k`). Same rule as scripts/train/aed/evaluate.py
 * `smoothed_max`, which calibrated the cry threshold. `frames` is [count, classes] row-major; writes `out[c]`.
 */
export function smoothedMax(
  frames: Float32Array,
  count: number,
  classes: number,
  k: number,
  out: Float32Array,
): void {
  out.fill(0);
  if (count === 0) return;
  const w = Math.max(1, Math.min(k, count));
  for (let c = 0; c < classes; c++) {
    let sum = 0;
    for (let t = 0; t < w; t++) sum += frames[t * classes + c];
    let best = sum;
    for (let t = w; t < count; t++) {
      sum += frames[t * classes + c] - frames[(t - w) * classes + c];
      if (sum > best) best = sum;
    }
    out[c] = best / w;
  }
}
