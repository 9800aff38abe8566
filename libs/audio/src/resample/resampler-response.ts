import { Float32Collector } from '../decoder/float32-collector';
import { Resampler, ResamplerOptions, DEFAULT_RESAMPLER_OPTIONS } from './resampler';

export interface ResamplerResponse {
  inRate: number;
  outRate: number;
  taps: number;
  /** Passband edge in Hz (fraction `passband` of the lower Nyquist). */
  passbandHz: number;
  /** Largest |gain| deviation from 0 dB over the swept passband tones. */
  passbandRippleDb: number;
  /** Smallest attenuation of anything that should not be there: tones above the output Nyquist (downsampling) or images and aliases left beside passband tones (any direction). */
  stopbandAttenuationDb: number;
  /** The swept frequency where that worst attenuation was seen. */
  worstFreqHz: number;
}

const AMP = 0.5;

/**
 * Measures a resampler by sweeping sines: each tone is resampled on its own, a sine is least-squares fitted at the
 * expected frequency over the settled middle, and the fit's gain and the residual's level are read off.
 */
export function measureResampler(
  inRate: number,
  outRate: number,
  opts: ResamplerOptions = {},
  stepHz = 50,
  seconds = 0.25,
): ResamplerResponse {
  const o = { ...DEFAULT_RESAMPLER_OPTIONS, ...opts };
  const nyq = Math.min(inRate, outRate) / 2;
  const passbandHz = o.passband * nyq;
  const stopHz = o.stopband * nyq;
  let ripple = 0;
  let atten = Number.POSITIVE_INFINITY;
  let worst = 0;
  let taps = 0;
  const consider = (db: number, f: number) => {
    if (db < atten) {
      atten = db;
      worst = f;
    }
  };
  for (let f = stepHz; f <= passbandHz; f += stepHz) {
    const { y, taps: t } = run(inRate, outRate, f, seconds, o);
    taps = t;
    const { amp, residualRms } = fitTone(y, f / outRate);
    ripple = Math.max(ripple, Math.abs(20 * Math.log10(amp / AMP)));
    consider(-20 * Math.log10(Math.max(residualRms, 1e-12) / (AMP / Math.SQRT2)), f);
  }
  if (inRate > outRate) {
    for (let f = stopHz; f < inRate / 2; f += stepHz * 2) {
      const { y } = run(inRate, outRate, f, seconds, o);
      consider(-20 * Math.log10(Math.max(rmsMiddle(y), 1e-12) / (AMP / Math.SQRT2)), f);
    }
  }
  return {
    inRate,
    outRate,
    taps,
    passbandHz,
    passbandRippleDb: ripple,
    stopbandAttenuationDb: atten,
    worstFreqHz: worst,
  };
}

function run(
  inRate: number,
  outRate: number,
  f: number,
  seconds: number,
  o: ResamplerOptions,
): { y: Float32Array; taps: number } {
  const n = Math.round(inRate * seconds);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = AMP * Math.sin((2 * Math.PI * f * i) / inRate);
  const r = new Resampler(inRate, outRate, o);
  const sink = new Float32Collector(r.maxOutput(n));
  r.process(x, sink);
  r.flush(sink);
  return { y: sink.finish(), taps: r.taps };
}

/** The middle half: away from the start and end transients (the signal starts and stops abruptly). */
function middle(y: Float32Array): [number, number] {
  return [Math.floor(y.length / 4), Math.floor((3 * y.length) / 4)];
}

function rmsMiddle(y: Float32Array): number {
  const [a, b] = middle(y);
  let s = 0;
  for (let i = a; i < b; i++) s += y[i] * y[i];
  return Math.sqrt(s / (b - a));
}

/** Least-squares fit of a*sin + b*cos at `w` cycles/sample: exact amplitude for a pure tone, whatever the window. */
function fitTone(y: Float32Array, w: number): { amp: number; residualRms: number } {
  const [a0, b0] = middle(y);
  let ss = 0;
  let cc = 0;
  let sc = 0;
  let ys = 0;
  let yc = 0;
  for (let i = a0; i < b0; i++) {
    const s = Math.sin(2 * Math.PI * w * i);
    const c = Math.cos(2 * Math.PI * w * i);
    ss += s * s;
    cc += c * c;
    sc += s * c;
    ys += y[i] * s;
    yc += y[i] * c;
  }
  const det = ss * cc - sc * sc;
  const a = (ys * cc - yc * sc) / det;
  const b = (yc * ss - ys * sc) / det;
  let r = 0;
  for (let i = a0; i < b0; i++) {
    const e = y[i] - a * Math.sin(2 * Math.PI * w * i) - b * Math.cos(2 * Math.PI * w * i);
    r += e * e;
  }
  return { amp: Math.hypot(a, b), residualRms: Math.sqrt(r / (b0 - a0)) };
}
