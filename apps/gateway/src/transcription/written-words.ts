import { AsrSegment, ItnJobSpan, RichWord } from '@earshot/contracts';
// The span-map file alone: the ITN index would load every grammar into the gateway.
import { mapRangeBack } from '@earshot/itn/core/span-map';

/** Scripts written without spaces: each character is a word of its own (a rewrite stays whole). */
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/u;

/**
 * Words of a segment's `text`, each timed by the spoken tokens it came from: the word's characters map back
 * through the ITN span map to `textSpoken`, the tokens covering those characters give the start, and the token
 * after them (or the segment's end) the end. Without a span map `text` is the spoken form itself.
 */
export function writtenWords(s: AsrSegment): RichWord[] {
  const spans = s.itnSpans ?? identity(s.text);
  const tokens = tokenRanges(s);
  return wordRanges(s.text, spans).map(([a, b]) => {
    const [ia, ib] = mapRangeBack(spans, a, b);
    return { word: s.text.slice(a, b), ...timeOf(s, tokens, ia, Math.max(ib, ia + 1)) };
  });
}

interface TokenRange {
  start: number;
  end: number;
  time: number;
}

/** Each token's characters in `textSpoken` (token texts are its pieces, a leading space for a word start). */
function tokenRanges(s: AsrSegment): TokenRange[] {
  const out: TokenRange[] = [];
  let cursor = 0;
  for (const t of s.tokens) {
    const piece = t.text.trim();
    if (!piece) continue;
    const at = s.textSpoken.indexOf(piece, cursor);
    if (at < 0) continue;
    out.push({ start: at, end: at + piece.length, time: t.start });
    cursor = at + piece.length;
  }
  return out;
}

function timeOf(s: AsrSegment, tokens: TokenRange[], from: number, to: number): { start: number; end: number } {
  const first = tokens.findIndex((t) => t.end > from && t.start < to);
  if (first < 0) {
    // No token covers it (a model without token times): spread the segment over the spoken characters.
    const n = Math.max(1, s.textSpoken.length);
    const at = (c: number) => round(s.start + ((s.end - s.start) * Math.min(c, n)) / n);
    return { start: at(from), end: at(to) };
  }
  let last = first;
  while (last + 1 < tokens.length && tokens[last + 1].start < to) last++;
  const start = Math.max(s.start, tokens[first].time);
  const end = last + 1 < tokens.length ? tokens[last + 1].time : s.end;
  return { start, end: Math.max(start, end) };
}

/** Word character ranges of `text`: runs between spaces, with CJK characters split apart unless one rewrite made them. */
function wordRanges(text: string, spans: readonly ItnJobSpan[]): Array<[number, number]> {
  const rewriteAt = new Int32Array(text.length).fill(-1);
  spans.forEach((sp, k) => {
    if (sp.rewritten) for (let i = sp.outStart; i < sp.outEnd && i < text.length; i++) rewriteAt[i] = k;
  });
  const out: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    const space = i === text.length || /\s/u.test(ch);
    const splitBefore =
      start >= 0 &&
      !space &&
      (CJK.test(ch) || CJK.test(text[i - 1])) &&
      (rewriteAt[i] < 0 || rewriteAt[i] !== rewriteAt[i - 1]);
    if (start >= 0 && (space || splitBefore)) {
      out.push([start, i]);
      start = -1;
    }
    if (!space && start < 0) start = i;
  }
  return out;
}

function identity(text: string): ItnJobSpan[] {
  return [{ inStart: 0, inEnd: text.length, outStart: 0, outEnd: text.length, rewritten: false }];
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
