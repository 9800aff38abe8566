import { AsrResult } from './asr-result';

export const TRANSCRIPT_FORMATS = ['json', 'text', 'tags', 'rich', 'srt', 'vtt'] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

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
      return cues(r)
        .map((c, i) => `${i + 1}\n${clock(c.start, ',')} --> ${clock(c.end, ',')}\n${c.text}\n`)
        .join('\n');
    case 'vtt':
      return `WEBVTT\n\n${cues(r)
        .map((c) => `${clock(c.start, '.')} --> ${clock(c.end, '.')}\n${c.text}\n`)
        .join('\n')}`;
  }
}

function cues(r: AsrResult): Array<{ start: number; end: number; text: string }> {
  return r.segments.filter((s) => s.text.trim().length > 0).map((s) => ({ start: s.start, end: s.end, text: s.text.trim() }));
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
