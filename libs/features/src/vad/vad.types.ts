/** One stretch of speech. Times are seconds from the start of the stream; samples are 16 kHz sample offsets. */
export interface VadSegment {
  readonly start: number;
  readonly end: number;
  readonly startSample: number;
  /** Exclusive. */
  readonly endSample: number;
}

/** Segmentation parameters (silero `get_speech_timestamps` semantics; see docs/vad.md). */
export interface VadOptions {
  /** A window whose speech probability is at or above this starts (or continues) speech. */
  threshold: number;
  /** Speech ends only after windows fall below this; the gap to `threshold` is the hysteresis. */
  negThreshold: number;
  /** Segments whose unpadded length is not above this are dropped. */
  minSpeechSec: number;
  /** Silence (below `negThreshold`) must last this long before a segment is closed. */
  minSilenceSec: number;
  /** Added on both sides of a segment, never overlapping a neighbour. */
  speechPadSec: number;
  /** No emitted segment (padding included) is longer than this; at most 30 s. */
  maxSegmentSec: number;
}

export const VAD_SAMPLE_RATE = 16000;
/** Silero v5 at 16 kHz: 512 new samples per run, preceded by the previous 64 as context. */
export const VAD_WINDOW = 512;
export const VAD_CONTEXT = 64;
