import { AudioEvent } from '../jobs/aed-jobs';
import { AsrLanguage } from './asr-result';

/** The analyses one request can ask for; `asr` is always required. */
export const UNDERSTAND_TASKS = ['asr', 'lid', 'ser', 'aed'] as const;
export type UnderstandTask = (typeof UNDERSTAND_TASKS)[number];
export type OptionalTask = Exclude<UnderstandTask, 'asr'>;

/** A label with its probability and, where the model gives them, the probabilities of every label. */
export interface RichLabel {
  label: string;
  score: number;
  scores?: Record<string, number>;
  /** Which analysis chose it: the dedicated classifier (lid/ser) or the ASR model's own tag. */
  source: 'lid' | 'ser' | 'asr';
}

export interface RichToken {
  text: string;
  /** Seconds from the start of the audio. */
  start: number;
  id: number;
}

/** A word of the segment's `text` with the time of the spoken tokens it came from (through the ITN span map). */
export interface RichWord {
  word: string;
  /** Seconds from the start of the audio. */
  start: number;
  end: number;
}

export interface RichSegment {
  start: number;
  end: number;
  /** Written form when ITN ran, else the spoken form. */
  text: string;
  text_spoken: string;
  language: RichLabel | null;
  emotion: RichLabel | null;
  /** Sound events that overlap the segment, on the audio's timeline. */
  events: AudioEvent[];
  /** The model's tokens, on the spoken form. */
  tokens: RichToken[];
  /** Words of `text` (written form when ITN ran), timed by the spoken tokens they came from. */
  words: RichWord[];
}

/** Steps of a request's flow that may be missing from its answer: the optional analyses and the ITN step. */
export type SkippableStep = OptionalTask | 'itn';

/**
 * An optional analysis (or the ITN step) that did not contribute, and why (unavailable, failed with a reason, or
 * timed out). A missing `itn` means the text stayed in the spoken form.
 */
export interface MissingTask {
  task: SkippableStep;
  reason: string;
}

/** `earshot.transcript.v1`: what the gateway answers for one audio file. */
export interface RichTranscript {
  /** Language of most of the speech (by duration), bare code; null when there is no speech. */
  language: string | null;
  emotion: string | null;
  /** Distinct event labels in order of first appearance. */
  events: string[];
  text: string;
  text_spoken: string;
  /** Seconds of audio. */
  duration: number;
  /** Whether `text` is the written form (the ITN step ran); false when it was not asked for or is missing. */
  itn: boolean;
  segments: RichSegment[];
  /** Every event over the whole audio (AED), not only those inside speech. */
  audio_events: AudioEvent[];
  /** Model name per analysis that ran. */
  models: Partial<Record<UnderstandTask, string>>;
  missing: MissingTask[];
}

/** Payload of the merge job, the parent of one request's flow. */
export interface MergeJobData {
  requestId: string;
  tasks: UnderstandTask[];
  itn: boolean;
  language: AsrLanguage;
  /** Job id of each step (children results are keyed by job id); `itn` is the ASR job's parent when present. */
  jobs: Partial<Record<UnderstandTask | 'itn', string>>;
  /** Optional tasks not queued because no worker serves their queue, with the reason reported in `missing`. */
  unavailable?: MissingTask[];
}
