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

/**
 * Words from the model's token times: a token starting with a space (SentencePiece "▁") opens a word; a word ends
 * where the next one starts, the last at its segment's end. Spoken form, since the token times belong to it.
 */
export function words(t: RichTranscript): OpenAiWord[] {
  const out: OpenAiWord[] = [];
  for (const s of t.segments) {
    let current: OpenAiWord | undefined;
    for (const k of s.tokens) {
      const opens = k.text.startsWith(' ') || current === undefined;
      const piece = k.text.trim();
      if (!piece) continue;
      if (opens) {
        if (current) current.end = Math.max(current.start, k.start);
        current = { word: piece, start: k.start, end: s.end };
        out.push(current);
      } else current!.word += piece;
    }
  }
  return out;
}
