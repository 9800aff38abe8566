import { AudioRef, TimeRange } from './audio-ref';

/** A detected sound event on the audio's timeline. */
export interface AudioEvent {
  label: string;
  start: number;
  end: number;
  score: number;
}

/** `earshot.cry.v1`: one short clip from a camera, answered as fast as possible. */
export interface CryJobData {
  audio: AudioRef;
}

export interface CryResult {
  crying: boolean;
  /** Calibrated cry score in 0..1; compare with `threshold`. */
  score: number;
  threshold: number;
  segments: Array<{ start: number; end: number; score: number }>;
  model: string;
}

/** `earshot.aed.v1`: the event timeline of a whole request (or of the given ranges). */
export interface AedJobData {
  audio: AudioRef;
  ranges?: TimeRange[];
}

export interface AedJobResult {
  events: AudioEvent[];
  model: string;
}
