/** HTK/Kaldi mel scale: 1127·ln(1 + f/700). */
export function melScale(hz: number): number {
  return 1127 * Math.log(1 + hz / 700);
}

/**
 * Triangular mel filters stored sparsely: bank b covers FFT bins [offsets[b], offsets[b] + lengths[b]) with
 * weights at weights[starts[b] ...]. Built with Kaldi's rule (kaldi-native-fbank mel-computations.cc):
 * FFT bins 0..N/2-1 only (the Nyquist bin is never used) and strict inequalities on both slopes.
 */
export class MelBanks {
  readonly numBins: number;
  /** Highest FFT bin index + 1 that any filter touches. */
  readonly numFftBinsUsed: number;
  readonly offsets: Int32Array;
  readonly lengths: Int32Array;
  readonly starts: Int32Array;
  readonly weights: Float64Array;

  constructor(numBins: number, fftSize: number, sampleRate: number, lowFreq: number, highFreq: number) {
    this.numBins = numBins;
    const numFftBins = fftSize / 2;
    const binWidth = sampleRate / fftSize;
    const melLow = melScale(lowFreq);
    const melHigh = melScale(highFreq);
    const delta = (melHigh - melLow) / (numBins + 1);
    const fftMel = new Float64Array(numFftBins);
    for (let k = 0; k < numFftBins; k++) fftMel[k] = melScale(binWidth * k);

    this.offsets = new Int32Array(numBins);
    this.lengths = new Int32Array(numBins);
    this.starts = new Int32Array(numBins);
    const all: number[] = [];
    let maxBin = 0;
    for (let b = 0; b < numBins; b++) {
      const left = melLow + b * delta;
      const center = left + delta;
      const right = center + delta;
      let first = -1;
      let lastNz = -1;
      const row: number[] = [];
      for (let k = 0; k < numFftBins; k++) {
        const mel = fftMel[k];
        let w = 0;
        if (mel > left && mel < right)
          w = mel <= center ? (mel - left) / (center - left) : (right - mel) / (right - center);
        if (w > 0) {
          if (first < 0) first = k;
          lastNz = k;
        }
        if (first >= 0) row.push(w);
      }
      this.starts[b] = all.length;
      if (first < 0) {
        // An empty filter (too many bins for the FFT size): its energy is 0 and the log floor applies.
        this.offsets[b] = 0;
        this.lengths[b] = 0;
        continue;
      }
      const len = lastNz - first + 1;
      this.offsets[b] = first;
      this.lengths[b] = len;
      for (let i = 0; i < len; i++) all.push(row[i]);
      if (lastNz + 1 > maxBin) maxBin = lastNz + 1;
    }
    this.weights = Float64Array.from(all);
    this.numFftBinsUsed = maxBin;
  }
}
