import {
  AsrLanguage,
  AsrResult,
  AsrSegment,
  ItnJobOptions,
  joinSegmentTexts,
  writtenByModel,
} from '@earshot/contracts';
import { isItnLanguage, ItnLanguage, ItnResult, MAX_ITN_INPUT_CHARS } from '@earshot/itn';

export type SegmentNormalizer = (text: string, lang: ItnLanguage, options: ItnJobOptions) => ItnResult;

/**
 * The ITN step of a request's flow: each segment's spoken text to the written form, per segment so span maps stay
 * local to the segment's tokens. Policy: a segment the model already wrote (it answered withitn, as asked for
 * languages without rules such as yue) passes through; a segment in a language with rules (zh, en, ja, ko) is
 * rewritten; anything else (yue spoken form, nospeech) passes through unchanged.
 */
export function writeTranscript(
  asr: AsrResult,
  language: AsrLanguage,
  options: ItnJobOptions,
  normalize: SegmentNormalizer,
): AsrResult {
  let rewritten = false;
  const segments = asr.segments.map((s): AsrSegment => {
    const lang = language === 'auto' ? s.language?.label : language;
    if (!s.textSpoken || writtenByModel(s) || !isItnLanguage(lang)) return s;
    // A ≤ 30 s segment never comes near the limit; if one did, its spoken form beats failing the request.
    if (s.textSpoken.length > MAX_ITN_INPUT_CHARS) return s;
    const out = normalize(s.textSpoken, lang, options);
    if (out.text === s.textSpoken) return s;
    rewritten = true;
    return { ...s, text: out.text, itnSpans: out.spans };
  });
  if (!rewritten) return asr;
  return {
    ...asr,
    text: joinSegmentTexts(segments.map((s) => s.text)),
    segments,
    model: { ...asr.model, itn: 'rules' },
  };
}
