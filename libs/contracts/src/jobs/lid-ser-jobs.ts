import { AudioRef, TimeRange } from './audio-ref';

/**
 * `earshot.lid.v1` and `earshot.ser.v1`: one clip-level label per segment (the given ranges, else the whole audio),
 * with the probability of every label the model knows, not only the top one.
 */
export interface SegmentClassifyJobData {
  audio: AudioRef;
  /** Seconds; default one segment over the whole audio. */
  ranges?: TimeRange[];
}

export interface LabelledSegment {
  /** Seconds from the start of the audio. */
  start: number;
  end: number;
  /** Top label, or "silence" when the segment is under the model's energy floor (then every score is 0). */
  label: string;
  /** Every label of the model, probabilities summing to 1 (all 0 for silence). */
  scores: Record<string, number>;
}

export interface SegmentClassifyResult {
  segments: LabelledSegment[];
  /** Model directory name, e.g. "lid-en-ko". */
  model: string;
  /** The labels the model can emit, in its order. */
  labels: string[];
}

export type LidJobData = SegmentClassifyJobData;
export type LidJobResult = SegmentClassifyResult;
export type SerJobData = SegmentClassifyJobData;
export type SerJobResult = SegmentClassifyResult;

/** The label of a segment under the model's energy floor (no model call was made). */
export const SILENCE_LABEL = 'silence';
