import { AudioRef, TimeRange } from '../jobs/audio-ref';
import type { ItnJobSpan } from '../jobs/itn-jobs';

/** A label the model chose, its probability, and (when known) the probabilities of the alternatives. */
export interface LabelScore {
  label: string;
  score: number;
  scores?: Record<string, number>;
}

export interface TranscriptToken {
  /** The piece as written ("▁" shown as a leading space), e.g. " hello". */
  text: string;
  /** Seconds from the start of the audio (segment start + 0.06 × (frame − 4)). */
  start: number;
  id: number;
}

export interface AsrSegment {
  /** Seconds from the start of the audio. */
  start: number;
  end: number;
  /** Written form when ITN ran (by the model's withitn query or by the rules), else the spoken form. */
  text: string;
  /** What the model said before rule-based ITN (equal to `text` when no rules ran). */
  textSpoken: string;
  language: LabelScore | null;
  emotion: LabelScore | null;
  /** The event tag of the segment (SenseVoice gives one per segment). */
  event: LabelScore | null;
  tokens: TranscriptToken[];
  /** SenseVoice's tag string for this segment: "<|en|><|NEUTRAL|><|Speech|><|woitn|>hello". */
  tagged: string;
  /** Set by the ITN step when it rewrote the segment: which characters of `text` came from which of `textSpoken`. */
  itnSpans?: ItnJobSpan[];
}

export interface AsrModelInfo {
  /** Model directory name, e.g. "sensevoice-small" or "digits-en-ctc". */
  name: string;
  format: string;
  /** Who produced the written form: the model (withitn query), the ITN rules, or nobody (spoken form). */
  itn: 'model' | 'rules' | 'none';
}

/** The ASR part of the rich transcript (and the `transcribe --format json` output). */
export interface AsrResult {
  text: string;
  textSpoken: string;
  /** Most common segment language (by duration), bare label: "en", "zh", ...; null for no speech. */
  language: string | null;
  emotion: string | null;
  /** Distinct event labels over the segments, in order of first appearance. */
  events: string[];
  duration: number;
  segments: AsrSegment[];
  model: AsrModelInfo;
  /** FunASR `rich_transcription_postprocess` rendering ("🎼hello😊"). */
  rich: string;
}

export const ASR_LANGUAGES = ['auto', 'zh', 'en', 'yue', 'ja', 'ko'] as const;
export type AsrLanguage = (typeof ASR_LANGUAGES)[number];

/** Options a caller (CLI, gateway, batch producer) may set for one ASR run. */
export interface AsrOptions {
  language?: AsrLanguage;
  /** Written form (numbers, punctuation); default false. */
  itn?: boolean;
}

/** `earshot.asr.v1` job payload. */
export interface AsrJobData extends AsrOptions {
  audio: AudioRef;
  /** Only these ranges (e.g. the gateway's VAD segments); default: the worker segments the whole audio. */
  ranges?: TimeRange[];
}

export type AsrJobResult = AsrResult;

/** A segment's text was written by the model itself (it answered the withitn query). */
export function writtenByModel(segment: Pick<AsrSegment, 'tagged'>): boolean {
  return segment.tagged.includes('<|withitn|>');
}

/** The transcript's text from its segments': a space between space-delimited scripts, CJK text glued. */
export function joinSegmentTexts(texts: readonly string[]): string {
  const cjk = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/u;
  const needsSpace = (prev: string, next: string) => !(cjk.test(prev.slice(-1)) || cjk.test(next.charAt(0)));
  return texts
    .filter((t) => t.length > 0)
    .reduce((acc, t) => (acc && !/\s$/.test(acc) && needsSpace(acc, t) ? `${acc} ${t}` : acc + t), '');
}
