import { Replacement } from './grammar';

/**
 * One run of the output and the input run it came from. `rewritten` is false for pass-through text, where
 * offsets map one to one; a rewritten span maps as a whole (its parts have no finer correspondence).
 */
export interface ItnSpan {
  inStart: number;
  inEnd: number;
  outStart: number;
  outEnd: number;
  rewritten: boolean;
}

export interface ItnResult {
  text: string;
  spans: ItnSpan[];
}

/**
 * Applies sorted, non-overlapping replacements and records spans that tile both input and output. A replacement
 * that overlaps an earlier one or falls outside the input is dropped, so a faulty grammar cannot corrupt the text.
 */
export function applyReplacements(input: string, reps: readonly Replacement[]): ItnResult {
  const spans: ItnSpan[] = [];
  const parts: string[] = [];
  let inPos = 0;
  let outPos = 0;
  const pushIdentity = (end: number): void => {
    if (end <= inPos) return;
    parts.push(input.slice(inPos, end));
    spans.push({
      inStart: inPos,
      inEnd: end,
      outStart: outPos,
      outEnd: outPos + (end - inPos),
      rewritten: false,
    });
    outPos += end - inPos;
    inPos = end;
  };
  for (const r of reps) {
    if (r.start < inPos || r.end < r.start || r.end > input.length) continue;
    if (r.start === r.end && r.text.length === 0) continue;
    pushIdentity(r.start);
    parts.push(r.text);
    spans.push({
      inStart: r.start,
      inEnd: r.end,
      outStart: outPos,
      outEnd: outPos + r.text.length,
      rewritten: true,
    });
    outPos += r.text.length;
    inPos = r.end;
  }
  pushIdentity(input.length);
  return { text: parts.join(''), spans };
}

/**
 * Maps an input range (e.g. an ASR token's characters) to the output range that now holds it. Pass-through
 * characters map exactly; touching any part of a rewrite maps to the whole rewrite. An empty result range
 * (start === end) means the input was deleted (a filler word).
 */
export function mapRange(spans: readonly ItnSpan[], inStart: number, inEnd: number): [number, number] {
  return project(spans, inStart, inEnd, 'in');
}

/** The inverse of `mapRange`: which input characters produced this output range. */
export function mapRangeBack(spans: readonly ItnSpan[], outStart: number, outEnd: number): [number, number] {
  return project(spans, outStart, outEnd, 'out');
}

function project(
  spans: readonly ItnSpan[],
  start: number,
  end: number,
  from: 'in' | 'out',
): [number, number] {
  if (spans.length === 0) return [0, 0];
  const s0 = (s: ItnSpan) => (from === 'in' ? s.inStart : s.outStart);
  const s1 = (s: ItnSpan) => (from === 'in' ? s.inEnd : s.outEnd);
  const t0 = (s: ItnSpan) => (from === 'in' ? s.outStart : s.inStart);
  const t1 = (s: ItnSpan) => (from === 'in' ? s.outEnd : s.inEnd);
  const lo = Math.min(start, end);
  const hi = Math.max(start, end);
  let first = -1;
  let resStart = 0;
  let resEnd = 0;
  for (let k = 0; k < spans.length; k++) {
    const s = spans[k];
    const a = s0(s);
    const b = s1(s);
    // An empty query range still selects the span it sits in (or the deletion span at that point).
    const hit = lo === hi ? lo >= a && (lo < b || (a === b && lo === a)) : lo < b && hi > a;
    if (!hit) continue;
    if (first < 0) {
      first = k;
      resStart = s.rewritten ? t0(s) : t0(s) + (Math.max(lo, a) - a);
    }
    resEnd = s.rewritten ? t1(s) : t0(s) + (Math.min(hi, b) - a);
  }
  if (first < 0) {
    // Past the end (or before the start): clamp to the nearest edge.
    const tail = spans[spans.length - 1];
    return lo >= s1(tail) ? [t1(tail), t1(tail)] : [t0(spans[0]), t0(spans[0])];
  }
  if (lo === hi && !spans[first].rewritten) return [resStart, resStart];
  return [resStart, Math.max(resStart, resEnd)];
}
