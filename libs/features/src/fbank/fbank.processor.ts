import { EarshotError } from '@earshot/contracts';
import { FeatureMatrix } from '../features.types';
import { FbankOptions, ResolvedFbankOptions, numFbankFrames, resolveFbankOptions } from './fbank-options';
import { MelBanks } from './mel-banks';
import { RealFft } from './real-fft';
import { makeWindow } from './window-function';

/** kaldi-native-fbank's log floor: log(max(e, FLT_EPSILON)). */
const LOG_FLOOR = 1.1920928955078125e-7;

export type Samples = Float32Array | Float64Array;

/**
 * Kaldi-compatible log-mel filterbank (sensevoice-spec §1.3–1.5): scale, remove DC, pre-emphasis, window,
 * zero-pad, real FFT, power, sparse mel filters, log. Float64 throughout; every buffer is allocated once
 * per instance, so an instance is not re-entrant (one per worker / stream).
 */
export class FbankProcessor {
  readonly options: ResolvedFbankOptions;
  readonly dim: number;
  private readonly window: Float64Array;
  private readonly fft: RealFft;
  private readonly mel: MelBanks;
  private readonly power: Float64Array;

  constructor(options: Partial<FbankOptions> = {}) {
    this.options = resolveFbankOptions(options);
    const o = this.options;
    this.dim = o.numMelBins;
    this.window = makeWindow(o.windowType, o.windowSize, o.blackmanCoeff);
    this.fft = new RealFft(o.fftSize);
    this.mel = new MelBanks(o.numMelBins, o.fftSize, o.sampleRate, o.lowFreq, o.highFreqHz);
    this.power = new Float64Array(o.fftSize / 2 + 1);
  }

  numFrames(numSamples: number): number {
    return numFbankFrames(numSamples, this.options.windowSize, this.options.windowShift);
  }

  /** Features of a whole signal (samples in [-1, 1] for the default scale). */
  compute(samples: Samples): FeatureMatrix {
    const frames = this.numFrames(samples.length);
    const data = new Float32Array(frames * this.dim);
    this.computeFrames(samples, 0, frames, data, 0);
    return { data, frames, dim: this.dim };
  }

  /**
   * Computes `count` frames whose first sample is `start + t * shift`, writing frame t at
   * `out[outOffset + t * dim]`. The caller guarantees the samples exist.
   */
  computeFrames(samples: Samples, start: number, count: number, out: Float32Array, outOffset: number): void {
    const shift = this.options.windowShift;
    for (let t = 0; t < count; t++) {
      this.computeFrame(samples, start + t * shift, out, outOffset + t * this.dim);
    }
  }

  private computeFrame(s: Samples, start: number, out: Float32Array, outOffset: number): void {
    const o = this.options;
    const size = o.windowSize;
    const scale = o.sampleScale;
    const pre = o.preemphCoeff;
    const win = this.window;
    const fft = this.fft;
    const re = fft.re;
    const im = fft.im;
    const rev = fft.bitrev;
    const half = fft.half;

    let sum = 0;
    for (let i = start, end = start + size; i < end; i++) sum += s[i];
    if (!Number.isFinite(sum)) {
      throw new EarshotError('AUDIO_BAD_SAMPLES', 'audio samples contain NaN or infinite values', 'audio');
    }
    const mean = o.removeDcOffset ? sum / size : 0;
    // After DC removal x[i] = scale·(s[i] - mean); pre-emphasis y[i] = x[i] - pre·x[i-1], y[0] = x[0]·(1 - pre).
    const dcTerm = mean * (1 - pre);
    let prev = s[start];
    // Pairs (x[2n], x[2n+1]) become one complex value at its bit-reversed slot.
    const pairs = size >> 1;
    for (let n = 0; n < pairs; n++) {
      const i = 2 * n;
      const a = s[start + i];
      const b = s[start + i + 1];
      const ya = (a - pre * prev - dcTerm) * scale * win[i];
      const yb = (b - pre * a - dcTerm) * scale * win[i + 1];
      prev = b;
      const r = rev[n];
      re[r] = ya;
      im[r] = yb;
    }
    let n = pairs;
    if (size & 1) {
      const a = s[start + size - 1];
      const r = rev[n];
      re[r] = (a - pre * prev - dcTerm) * scale * win[size - 1];
      im[r] = 0;
      n++;
    }
    for (; n < half; n++) {
      const r = rev[n];
      re[r] = 0;
      im[r] = 0;
    }

    const power = this.power;
    const mel = this.mel;
    fft.powerSpectrum(power, mel.numFftBinsUsed);
    const offsets = mel.offsets;
    const lengths = mel.lengths;
    const starts = mel.starts;
    const weights = mel.weights;
    for (let b = 0, nb = this.dim; b < nb; b++) {
      const off = offsets[b];
      const w0 = starts[b];
      let e = 0;
      for (let k = 0, len = lengths[b]; k < len; k++) e += weights[w0 + k] * power[off + k];
      out[outOffset + b] = Math.log(e > LOG_FLOOR ? e : LOG_FLOOR);
    }
  }
}
