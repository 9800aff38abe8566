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
  tokens: RichToken[];
}

/** An optional analysis that did not contribute, and why (failed with a reason, or timed out). */
export interface MissingTask {
  task: OptionalTask;
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
  /** Whether the written form was asked for (and produced by the ASR model or the ITN rules). */
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
  /** Child job id of each task (children results are keyed by job id). */
  jobs: Partial<Record<UnderstandTask, string>>;
  /** Optional tasks not queued because no worker serves their queue, with the reason reported in `missing`. */
  unavailable?: MissingTask[];
}
