// Type-only import: the browser page loads this file as an ES module as it is compiled (no bundler), so it must
// have no runtime imports.
import type { AsrResult } from './asr-result';

export const TRANSCRIPT_FORMATS = ['json', 'text', 'tags', 'rich', 'srt', 'vtt'] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

/** One subtitle cue: a segment's time range and the text shown for it. */
export interface Cue {
  start: number;
  end: number;
  text: string;
}

/**
 * Renders an ASR result. json: the AsrResult itself (stable field names); text: the transcript; tags: SenseVoice's
 * tag string, one segment per line; rich: FunASR's emoji rendering; srt / vtt: one cue per segment with text.
 */
export function renderTranscript(r: AsrResult, format: TranscriptFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(r, null, 2)}\n`;
    case 'text':
      return `${r.text}\n`;
    case 'tags':
      return r.segments.map((s) => s.tagged).join('\n') + '\n';
    case 'rich':
      return `${r.rich}\n`;
    case 'srt':
      return renderSrt(r.segments);
    case 'vtt':
      return renderVtt(r.segments);
  }
}

/** Segments with text become cues (trimmed); silent ones are left out. */
export function textCues(segments: readonly Cue[]): Cue[] {
  return segments
    .filter((s) => s.text.trim().length > 0)
    .map((s) => ({ start: s.start, end: s.end, text: s.text.trim() }));
}

/** SubRip: numbered cues, comma before the milliseconds. */
export function renderSrt(segments: readonly Cue[]): string {
  return textCues(segments)
    .map((c, i) => `${i + 1}\n${clock(c.start, ',')} --> ${clock(c.end, ',')}\n${c.text}\n`)
    .join('\n');
}

/** WebVTT: the header line, then one cue per segment with text. */
export function renderVtt(segments: readonly Cue[]): string {
  return `WEBVTT\n\n${textCues(segments)
    .map((c) => `${clock(c.start, '.')} --> ${clock(c.end, '.')}\n${c.text}\n`)
    .join('\n')}`;
}

/** hh:mm:ss,mmm (SRT) or hh:mm:ss.mmm (WebVTT). */
export function clock(seconds: number, sep: ',' | '.'): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (v: number, n = 2) => String(v).padStart(n, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}${sep}${pad(ms % 1000, 3)}`;
}
