import { EarshotError } from '@earshot/contracts';

export type WindowType = 'hamming' | 'hanning' | 'povey' | 'rectangular' | 'blackman';

export const WINDOW_TYPES: readonly WindowType[] = ['hamming', 'hanning', 'povey', 'rectangular', 'blackman'];

/**
 * Kaldi fbank options (kaldi-native-fbank / torchaudio.compliance.kaldi names, camel-cased).
 * Only deterministic settings exist: no dither, no energy term, always snip_edges and a power-of-two FFT,
 * because every model in the suite was trained (or exported) with exactly those.
 */
export interface FbankOptions {
  sampleRate: number;
  numMelBins: number;
  frameLengthMs: number;
  frameShiftMs: number;
  /** Hz. */
  lowFreq: number;
  /** Hz; <= 0 means Nyquist + highFreq (Kaldi's convention). */
  highFreq: number;
  windowType: WindowType;
  preemphCoeff: number;
  removeDcOffset: boolean;
  /** Input samples are multiplied by this before framing: 32768 turns [-1, 1] floats into the int16 range. */
  sampleScale: number;
  /** Blackman window parameter (Kaldi's blackman_coeff). */
  blackmanCoeff: number;
}

/** SenseVoice / FunASR front-end (spec §1.3). */
export const DEFAULT_FBANK_OPTIONS: Readonly<FbankOptions> = Object.freeze({
  sampleRate: 16000,
  numMelBins: 80,
  frameLengthMs: 25,
  frameShiftMs: 10,
  lowFreq: 20,
  highFreq: 0,
  windowType: 'hamming',
  preemphCoeff: 0.97,
  removeDcOffset: true,
  sampleScale: 32768,
  blackmanCoeff: 0.42,
});

/** Options plus the sizes derived from them, validated once. */
export interface ResolvedFbankOptions extends FbankOptions {
  readonly windowSize: number;
  readonly windowShift: number;
  readonly fftSize: number;
  /** Absolute upper mel edge in Hz. */
  readonly highFreqHz: number;
}

function invalid(message: string, param: string): EarshotError {
  return new EarshotError('INVALID_ARGUMENT', message, param);
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export function resolveFbankOptions(partial: Partial<FbankOptions> = {}): ResolvedFbankOptions {
  const o: FbankOptions = { ...DEFAULT_FBANK_OPTIONS, ...stripUndefined(partial) };
  if (!isFiniteNumber(o.sampleRate) || o.sampleRate < 1000 || o.sampleRate > 384000) {
    throw invalid(`sampleRate must be between 1000 and 384000 Hz, got ${o.sampleRate}`, 'sampleRate');
  }
  if (!Number.isInteger(o.numMelBins) || o.numMelBins < 1 || o.numMelBins > 1024) {
    throw invalid(`numMelBins must be an integer from 1 to 1024, got ${o.numMelBins}`, 'numMelBins');
  }
  if (!isFiniteNumber(o.frameLengthMs) || !isFiniteNumber(o.frameShiftMs) || o.frameShiftMs <= 0) {
    throw invalid('frameLengthMs and frameShiftMs must be positive numbers', 'frameLengthMs');
  }
  // Kaldi: WindowSize() = int(fs * 0.001 * length).
  const windowSize = Math.trunc(o.sampleRate * 0.001 * o.frameLengthMs);
  const windowShift = Math.trunc(o.sampleRate * 0.001 * o.frameShiftMs);
  if (windowSize < 2 || windowSize > 65536) {
    throw invalid(`frame length gives ${windowSize} samples; it must be 2 to 65536`, 'frameLengthMs');
  }
  if (windowShift < 1) throw invalid('frame shift must be at least one sample', 'frameShiftMs');
  let fftSize = 4;
  while (fftSize < windowSize) fftSize *= 2;
  if (!WINDOW_TYPES.includes(o.windowType)) {
    throw invalid(
      `windowType must be one of ${WINDOW_TYPES.join(', ')}, got ${String(o.windowType)}`,
      'windowType',
    );
  }
  const nyquist = o.sampleRate / 2;
  const highFreqHz = o.highFreq > 0 ? o.highFreq : nyquist + o.highFreq;
  if (!isFiniteNumber(o.lowFreq) || !isFiniteNumber(o.highFreq) || o.lowFreq < 0 || o.lowFreq >= nyquist) {
    throw invalid(`lowFreq must be in [0, ${nyquist}), got ${o.lowFreq}`, 'lowFreq');
  }
  if (highFreqHz <= o.lowFreq || highFreqHz > nyquist) {
    throw invalid(`highFreq must resolve to (lowFreq, ${nyquist}], got ${highFreqHz}`, 'highFreq');
  }
  if (!isFiniteNumber(o.preemphCoeff) || o.preemphCoeff < 0 || o.preemphCoeff > 1) {
    throw invalid(`preemphCoeff must be in [0, 1], got ${o.preemphCoeff}`, 'preemphCoeff');
  }
  if (!isFiniteNumber(o.sampleScale) || o.sampleScale <= 0) {
    throw invalid(`sampleScale must be a positive number, got ${o.sampleScale}`, 'sampleScale');
  }
  if (!isFiniteNumber(o.blackmanCoeff)) throw invalid('blackmanCoeff must be a number', 'blackmanCoeff');
  return Object.freeze({ ...o, windowSize, windowShift, fftSize, highFreqHz });
}

/** `T = N < W ? 0 : 1 + floor((N - W) / shift)` (snip_edges = true). */
export function numFbankFrames(numSamples: number, windowSize: number, windowShift: number): number {
  return numSamples < windowSize ? 0 : 1 + Math.floor((numSamples - windowSize) / windowShift);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
