import { RichTranscript } from '@earshot/contracts';
import { OpenAiOptions } from './request-options';
import { Rendered, srt, vtt } from './transcript-render';

/** ISO-639-1 code to the English name OpenAI's verbose_json reports ("english"). */
const LANGUAGE_NAMES: Record<string, string> = {
  en: 'english',
  zh: 'chinese',
  yue: 'cantonese',
  ja: 'japanese',
  ko: 'korean',
};

export interface OpenAiWord {
  word: string;
  start: number;
  end: number;
}

/**
 * OpenAI's response shapes. verbose_json keeps every OpenAI field so the SDKs parse it, and adds the rich fields
 * (per-segment language, emotion, events; top-level itn). Fields a CTC model has no value for get OpenAI's neutral
 * values: temperature 0, avg_logprob 0, compression_ratio 1, no_speech_prob 0.
 */
export function renderOpenAi(t: RichTranscript, opts: OpenAiOptions): Rendered {
  switch (opts.format) {
    case 'json':
      return { contentType: 'application/json', body: { text: t.text } };
    case 'text':
      return { contentType: 'text/plain; charset=utf-8', body: `${t.text}\n` };
    case 'srt':
      return { contentType: 'text/plain; charset=utf-8', body: srt(t) };
    case 'vtt':
      return { contentType: 'text/vtt; charset=utf-8', body: vtt(t) };
    case 'verbose_json':
      return { contentType: 'application/json', body: verboseJson(t, opts) };
  }
}

function verboseJson(t: RichTranscript, opts: OpenAiOptions): object {
  const body: Record<string, unknown> = {
    task: 'transcribe',
    language: t.language ? (LANGUAGE_NAMES[t.language] ?? t.language) : 'unknown',
    duration: t.duration,
    text: t.text,
  };
  if (opts.words) body.words = words(t);
  if (opts.segments) {
    body.segments = t.segments.map((s, id) => ({
      id,
      seek: 0,
      start: s.start,
      end: s.end,
      text: s.text,
      tokens: s.tokens.map((k) => k.id),
      temperature: 0,
      avg_logprob: 0,
      compression_ratio: 1,
      no_speech_prob: 0,
      language: s.language,
      emotion: s.emotion,
      events: s.events,
    }));
  }
  body.itn = t.itn;
  body.events = t.events;
  body.emotion = t.emotion;
  body.missing = t.missing;
  return body;
}

/** Every segment's words: the written form when ITN ran, timed through the span map (see `writtenWords`). */
export function words(t: RichTranscript): OpenAiWord[] {
  return t.segments.flatMap((s) => s.words.map((w) => ({ word: w.word, start: w.start, end: w.end })));
}
