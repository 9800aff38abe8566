import { EarshotError } from '@earshot/contracts';
import { VadOptions, VAD_SAMPLE_RATE } from './vad.types';

/** Hard cap: SenseVoice-style models are trained and evaluated on ≤ 30 s inputs. */
export const MAX_SEGMENT_LIMIT_SEC = 30;
export const MIN_SEGMENT_LIMIT_SEC = 1;

export const DEFAULT_VAD_OPTIONS: Readonly<Omit<VadOptions, 'negThreshold'>> = Object.freeze({
  threshold: 0.5,
  minSpeechSec: 0.25,
  minSilenceSec: 0.5,
  speechPadSec: 0.03,
  maxSegmentSec: MAX_SEGMENT_LIMIT_SEC,
});

/** Segmentation parameters in samples, the unit the segmenter works in. */
export interface VadSampleParams {
  readonly threshold: number;
  readonly negThreshold: number;
  readonly minSpeechSamples: number;
  readonly minSilenceSamples: number;
  readonly padSamples: number;
  readonly maxSegmentSamples: number;
}

function checkRange(name: string, value: number, lo: number, hi: number, loOpen = false): void {
  const ok =
    typeof value === 'number' && Number.isFinite(value) && (loOpen ? value > lo : value >= lo) && value <= hi;
  if (!ok) {
    const range = `${loOpen ? '(' : '['}${lo}, ${hi}]`;
    throw new EarshotError(
      'INVALID_ARGUMENT',
      `VAD option ${name} must be a number in ${range}, got ${String(value)}`,
      name,
    );
  }
}

/** Fills defaults and rejects out-of-range values with INVALID_ARGUMENT naming the option. */
export function resolveVadOptions(partial: Partial<VadOptions> = {}): VadOptions {
  const defined = Object.fromEntries(
    Object.entries(partial).filter(([, v]) => v !== undefined),
  ) as Partial<VadOptions>;
  const merged = { ...DEFAULT_VAD_OPTIONS, ...defined };
  checkRange('threshold', merged.threshold, 0, 1, true);
  // silero clamps the default at 0.01 so a low threshold never gives an end condition that cannot fire.
  const negThreshold = defined.negThreshold ?? Math.max(merged.threshold - 0.15, 0.01);
  checkRange('negThreshold', negThreshold, 0, merged.threshold, true);
  checkRange('minSpeechSec', merged.minSpeechSec, 0, 60);
  checkRange('minSilenceSec', merged.minSilenceSec, 0, 60);
  checkRange('maxSegmentSec', merged.maxSegmentSec, MIN_SEGMENT_LIMIT_SEC, MAX_SEGMENT_LIMIT_SEC);
  // A long-speech split looks for its cut in the second half of the segment; padding must leave room for that.
  checkRange('speechPadSec', merged.speechPadSec, 0, merged.maxSegmentSec / 4);
  return { ...merged, negThreshold };
}

export function toSampleParams(o: VadOptions): VadSampleParams {
  const sr = VAD_SAMPLE_RATE;
  return {
    threshold: o.threshold,
    negThreshold: o.negThreshold,
    minSpeechSamples: Math.round(o.minSpeechSec * sr),
    minSilenceSamples: Math.round(o.minSilenceSec * sr),
    padSamples: Math.round(o.speechPadSec * sr),
    maxSegmentSamples: Math.floor(o.maxSegmentSec * sr),
  };
}
