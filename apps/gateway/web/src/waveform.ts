/** Min and max of the samples falling in each of `columns` equal slices (the classic waveform outline). */
export function peaks(samples: Float32Array, columns: number): { min: Float32Array; max: Float32Array } {
  const min = new Float32Array(columns);
  const max = new Float32Array(columns);
  const per = samples.length / columns;
  for (let c = 0; c < columns; c++) {
    const from = Math.floor(c * per);
    const to = Math.max(from + 1, Math.min(samples.length, Math.floor((c + 1) * per)));
    let lo = 0;
    let hi = 0;
    for (let i = from; i < to; i++) {
      const v = samples[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    min[c] = lo;
    max[c] = hi;
  }
  return { min, max };
}

/** Mono mix of a decoded buffer (the page shows one outline whatever the channel count). */
export function monoSamples(buffer: AudioBuffer): Float32Array {
  if (buffer.numberOfChannels === 1) return buffer.getChannelData(0);
  const out = new Float32Array(buffer.length);
  for (let ch = 0; ch < buffer.numberOfChannels; ch++) {
    const data = buffer.getChannelData(ch);
    for (let i = 0; i < out.length; i++) out[i] += data[i] / buffer.numberOfChannels;
  }
  return out;
}

/**
 * Draws the outline at the canvas's on-screen size times the device pixel ratio (sharp on phones), scaled so the
 * loudest peak nearly fills the height: quiet recordings stay readable.
 */
export function drawWaveform(canvas: HTMLCanvasElement, samples: Float32Array | null, color: string): void {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
  const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d');
  if (!g) return;
  g.clearRect(0, 0, width, height);
  const mid = height / 2;
  g.fillStyle = color;
  g.globalAlpha = 0.25;
  g.fillRect(0, Math.floor(mid), width, Math.max(1, Math.round(ratio)));
  g.globalAlpha = 1;
  if (!samples || samples.length === 0) return;
  const { min, max } = peaks(samples, width);
  let loudest = 0;
  for (let c = 0; c < width; c++) loudest = Math.max(loudest, -min[c], max[c]);
  const scale = loudest > 0 ? (mid * 0.92) / loudest : 0;
  for (let c = 0; c < width; c++) {
    const top = mid - max[c] * scale;
    const bottom = mid - min[c] * scale;
    g.fillRect(c, top, 1, Math.max(ratio, bottom - top));
  }
}
