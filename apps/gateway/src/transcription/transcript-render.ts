import { AudioEvent, renderSrt, renderVtt, RichSegment, RichTranscript } from '@earshot/contracts';
// The postprocess file alone: the inference index would load onnxruntime into the gateway.
import { richTranscriptionPostprocess } from '@earshot/inference/sensevoice/rich-postprocess';
import { UnderstandFormat } from './request-options';

export interface Rendered {
  contentType: string;
  body: string | object;
}

const TEXT = 'text/plain; charset=utf-8';

/** Renders the rich transcript for `/v1/understand`. */
export function renderRich(t: RichTranscript, format: UnderstandFormat): Rendered {
  switch (format) {
    case 'json':
      return { contentType: 'application/json', body: t };
    case 'text':
      return { contentType: TEXT, body: `${t.text}\n` };
    case 'tags':
      return { contentType: TEXT, body: t.segments.map((s) => tagString(s, t.itn)).join('\n') + '\n' };
    case 'rich':
      return {
        contentType: TEXT,
        body: `${t.segments.map((s) => richTranscriptionPostprocess(tagString(s, t.itn))).join(' ')}\n`,
      };
    case 'srt':
      return { contentType: TEXT, body: srt(t) };
    case 'vtt':
      return { contentType: 'text/vtt; charset=utf-8', body: vtt(t) };
  }
}

/** SenseVoice's tag string of one segment; the event is the strongest overlapping one (Speech when there is none). */
export function tagString(s: RichSegment, itn: boolean): string {
  const lang = s.language?.label ?? 'nospeech';
  const emo = s.emotion?.label ?? 'EMO_UNKNOWN';
  const event = strongest(s.events)?.label ?? 'Speech';
  return `<|${lang}|><|${emo}|><|${event}|><|${itn ? 'withitn' : 'woitn'}|>${s.text}`;
}

function strongest(events: AudioEvent[]): AudioEvent | undefined {
  return events.reduce<AudioEvent | undefined>(
    (best, e) => (!best || e.score > best.score ? e : best),
    undefined,
  );
}

export function srt(t: RichTranscript): string {
  return renderSrt(t.segments);
}

export function vtt(t: RichTranscript): string {
  return renderVtt(t.segments);
}
