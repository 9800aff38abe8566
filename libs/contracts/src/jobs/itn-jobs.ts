import type { AsrLanguage, AsrResult } from '../transcript/asr-result';

/**
 * `earshot.itn.v1`: spoken-form text to written form, with the span map that carries token timestamps over.
 * Kept free of the ITN library's types so producers need only the contracts.
 */
export const ITN_JOB_LANGUAGES = ['zh', 'en', 'ja', 'ko'] as const;
export type ItnJobLanguage = (typeof ITN_JOB_LANGUAGES)[number];

export interface ItnJobOptions {
  /** WeTextProcessing `enable_0_to_9` (default true): convert standalone single digits. */
  enable0To9?: boolean;
  /** WeTextProcessing `enable_standalone_number` (default true): convert numbers without a unit. */
  enableStandaloneNumber?: boolean;
  /** Written conventions where anchors disagree (zh, ja): 'house' (default), 'wetext' or 'nemo'. */
  style?: 'house' | 'wetext' | 'nemo';
}

export interface ItnJobData {
  text: string;
  lang: ItnJobLanguage;
  options?: ItnJobOptions;
}

/** Output range [outStart, outEnd) came from input range [inStart, inEnd); spans tile both texts in order. */
export interface ItnJobSpan {
  inStart: number;
  inEnd: number;
  outStart: number;
  outEnd: number;
  rewritten: boolean;
}

export interface ItnJobResult {
  text: string;
  spans: ItnJobSpan[];
}

/**
 * Job name of the ITN step inside a request's flow (`merge ← [itn ← asr, …]`): the job is the parent of the ASR
 * job and rewrites its child's transcript segment by segment. Any other job name is a plain `ItnJobData` job.
 */
export const ITN_TRANSCRIPT_JOB = 'itn-transcript';

export interface ItnTranscriptJobData {
  /** Id of the child ASR job whose result is rewritten. */
  asrJobId: string;
  /** The request's language; `auto` uses each segment's detected language. */
  language: AsrLanguage;
  options?: ItnJobOptions;
}

/**
 * The child's ASR result in written form: each rewritten segment's `text` is written, `textSpoken` kept, and
 * `itnSpans` maps `textSpoken` to `text`; `model.itn` is 'rules' when any segment was rewritten.
 */
export type ItnTranscriptJobResult = AsrResult;
