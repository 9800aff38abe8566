import { EarshotError } from '../errors/earshot.error';

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

/**
 * Checks the audio reference of a job payload (producers outside this repo send them too). Bad input fails the job
 * at once: INVALID_ARGUMENT is not retryable. `kind` names the job in the message ("ASR", "LID", ...).
 */
export function assertAudioRef(ref: unknown, kind: string): asserts ref is AudioRef {
  const a = ref as Partial<AudioRef> | null | undefined;
  if (
    !a ||
    typeof a !== 'object' ||
    typeof a.key !== 'string' ||
    !a.key ||
    a.sampleRate !== 16000 ||
    !Number.isInteger(a.samples) ||
    (a.samples as number) < 0
  ) {
    throw new EarshotError(
      'INVALID_ARGUMENT',
      `${kind} job needs audio {key, sampleRate: 16000, samples}`,
      'audio',
    );
  }
}
