/**
 * Decoded audio is stored once per request (16 kHz mono float32 PCM) and jobs carry this reference, never
 * the samples themselves. `key` is opaque to producers; the audio store resolves it.
 */
export interface AudioRef {
  key: string;
  sampleRate: 16000;
  /** Number of samples stored. */
  samples: number;
  durationSec: number;
}

/** A time range inside the referenced audio, in seconds. */
export interface TimeRange {
  start: number;
  end: number;
}

/** How long stored PCM lives: long enough for slow queues, short enough that abandoned requests free memory. */
export const AUDIO_TTL_SECONDS = 60 * 60;
