import { Tok } from '../en-tokens';
import { DIGITS, parseTens, wordAt } from '../en-numbers';
import { Match } from './tagger';

const ZONES = new Set(['cst', 'cdt', 'cet', 'pst', 'est', 'edt', 'pt', 'et', 'eet', 'gmt', 'utc', 'ist']);

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** Hour 0-23 as one or two words. */
function parseHour(toks: readonly Tok[], j: number): { value: number; end: number } | null {
  if (wordAt(toks, j) === 'zero') return { value: 0, end: j + 1 };
  const t = parseTens(toks, j);
  if (!t || t.value > 23) return null;
  return { value: t.value, end: t.end };
}

/** Minutes after an hour: "o six", "thirty two", "o'clock" (→ 0). */
function parseMinute(toks: readonly Tok[], j: number): { value: number; end: number } | null {
  const w = wordAt(toks, j);
  if (w === "o'clock" || w === 'oclock') return { value: 0, end: j + 1 };
  if ((w === 'o' || w === 'oh') && wordAt(toks, j + 1) === 'clock') return { value: 0, end: j + 2 };
  if (w === 'o' && toks[j + 1] && toks[j + 1].text === "'" && wordAt(toks, j + 2) === 'clock') {
    return { value: 0, end: j + 3 };
  }
  if (w === 'hundred' && wordAt(toks, j + 1) === 'hours') return { value: 0, end: j + 2 };
  if (w === 'o' || w === 'oh') {
    const d = wordAt(toks, j + 1);
    if (d in DIGITS) return { value: DIGITS[d], end: j + 2 };
    return null;
  }
  const t = parseTens(toks, j);
  if (!t || t.value < 10 || t.value > 59) return null;
  return { value: t.value, end: t.end };
}

/** "a m", "am", "a.m.", "p m" … keeping the speaker's case: "A M" → "A.M.". */
function parseSuffix(toks: readonly Tok[], j: number): { text: string; end: number } | null {
  const t = toks[j];
  if (!t || !t.isWord) return null;
  const first = t.lower;
  let letter = '';
  let end = j + 1;
  if (first === 'am' || first === 'pm') {
    letter = t.text[0];
  } else if ((first === 'a' || first === 'p') && wordAt(toks, j + 1) === 'm') {
    letter = t.text;
    end = j + 2;
    if (toks[end] && toks[end].text === '.' && !toks[end].spaced) end++;
  } else if ((first === 'a' || first === 'p') && toks[j + 1]?.text === '.' && wordAt(toks, j + 2) === 'm') {
    letter = t.text;
    end = j + 3;
    if (toks[end] && toks[end].text === '.') end++;
  } else {
    return null;
  }
  const upper = letter === letter.toUpperCase();
  return { text: upper ? `${letter.toUpperCase()}.M.` : `${letter.toLowerCase()}.m.`, end };
}

/** Time zone spelled as letters ("e s t") or said as one word ("est"). */
function parseZone(toks: readonly Tok[], j: number): { text: string; end: number } | null {
  const t = toks[j];
  if (!t || !t.isWord) return null;
  if (ZONES.has(t.lower)) return { text: t.text, end: j + 1 };
  let letters = '';
  let k = j;
  while (k < toks.length && k - j < 3 && toks[k].isWord && toks[k].text.length === 1) {
    letters += toks[k].text;
    k++;
  }
  for (let len = letters.length; len >= 2; len--) {
    if (ZONES.has(letters.slice(0, len).toLowerCase())) return { text: letters.slice(0, len), end: j + len };
  }
  return null;
}

function withSuffixAndZone(toks: readonly Tok[], h: number, m: number, end: number, needSuffix: boolean): Match | null {
  let text = `${pad2(h)}:${pad2(m)}`;
  const suffix = parseSuffix(toks, end);
  if (suffix) {
    text += ' ' + suffix.text;
    end = suffix.end;
  } else if (needSuffix) {
    return null;
  }
  const zone = parseZone(toks, end);
  if (zone) {
    text += ' ' + zone.text;
    end = zone.end;
  }
  return { end, text };
}

/** Minutes before "past"/"to": 1-59 or half/quarter. */
function parseMinuteWord(toks: readonly Tok[], j: number): { value: number; end: number; verbose: boolean } | null {
  const w = wordAt(toks, j);
  if (w === 'half') return { value: 30, end: j + 1, verbose: true };
  if (w === 'quarter') return { value: 15, end: j + 1, verbose: true };
  const t = parseTens(toks, j);
  if (!t || t.value > 59) return null;
  let end = t.end;
  const unit = wordAt(toks, end);
  if (unit === 'minute' || unit === 'minutes' || unit === 'min' || unit === 'mins') end++;
  return { value: t.value, end, verbose: false };
}

/** Clock times: "two thirty" → "02:30", "quarter to one" → "12:45", "seven a m e s t" → "07:00 a.m. est". */
export function timeTagger(toks: readonly Tok[], i: number): Match | null {
  const mw = parseMinuteWord(toks, i);
  if (mw) {
    const rel = wordAt(toks, mw.end);
    if (rel === 'past') {
      const h = parseHour(toks, mw.end + 1);
      if (h) return withSuffixAndZone(toks, h.value, mw.value, h.end, false);
    } else if (rel === 'to' || rel === 'till') {
      const h = parseHour(toks, mw.end + 1);
      if (h && h.value >= 1 && h.value <= 12) {
        const hour = h.value === 1 ? 12 : h.value - 1;
        const minute = mw.verbose ? 45 : 60 - mw.value;
        // "ten to four" needs a suffix to be a time (too ambiguous otherwise); "quarter to" does not.
        return withSuffixAndZone(toks, hour, minute, h.end, !mw.verbose);
      }
    }
  }
  const h = parseHour(toks, i);
  if (!h) return null;
  const m = parseMinute(toks, h.end);
  if (m) return withSuffixAndZone(toks, h.value, m.value, m.end, false);
  return withSuffixAndZone(toks, h.value, 0, h.end, true);
}

