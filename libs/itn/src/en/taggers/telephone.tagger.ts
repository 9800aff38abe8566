import { Tok } from '../en-tokens';
import { DIGITS, parseTens, wordAt } from '../en-numbers';
import { Match } from './tagger';

/** Longest digit run considered (a 16-digit card number said digit by digit, with some slack). */
const MAX_UNITS = 24;

function digitOf(w: string): string | null {
  if (w in DIGITS) return String(DIGITS[w]);
  if (w === 'zero' || w === 'o' || w === 'oh') return '0';
  return null;
}

/** One spoken digit group: "five", "oh", "double five", "triple o", "forty five". */
function parseUnit(toks: readonly Tok[], j: number): { digits: string; end: number } | null {
  const w = wordAt(toks, j);
  if (w === 'double' || w === 'triple') {
    const d = digitOf(wordAt(toks, j + 1));
    if (d === null) return null;
    return { digits: w === 'double' ? d + d : d + d + d, end: j + 2 };
  }
  const d = digitOf(w);
  if (d !== null) return { digits: d, end: j + 1 };
  const t = parseTens(toks, j);
  if (t && t.value >= 10) return { digits: String(t.value), end: t.end };
  return null;
}

function collectUnits(toks: readonly Tok[], j: number): { digits: string; end: number }[] {
  const units: { digits: string; end: number }[] = [];
  let k = j;
  while (units.length < MAX_UNITS) {
    const u = parseUnit(toks, k);
    if (!u) break;
    units.push(u);
    k = u.end;
  }
  return units;
}

function formatNumber(d: string): string | null {
  switch (d.length) {
    case 10: return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`;
    case 9: return `${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`;
    case 14: return `${d.slice(0, 4)} ${d.slice(4, 10)} ${d.slice(10)}`;
    case 15: return `${d.slice(0, 4)} ${d.slice(4, 10)} ${d.slice(10)}`;
    case 16: return `${d.slice(0, 4)} ${d.slice(4, 8)} ${d.slice(8, 12)} ${d.slice(12)}`;
    default: return null;
  }
}

/** Phone, SSN and card numbers with an optional ("plus") country code. */
function phone(toks: readonly Tok[], i: number): Match | null {
  const plus = wordAt(toks, i) === 'plus';
  const units = collectUnits(toks, plus ? i + 1 : i);
  let best: Match | null = null;
  for (let cc = plus ? 1 : 0; cc <= 3 && cc < units.length; cc++) {
    let code = '';
    for (let u = 0; u < cc; u++) code += units[u].digits;
    if (cc > 0 && code.length > 3) break;
    let digits = '';
    for (let u = cc; u < units.length; u++) {
      digits += units[u].digits;
      if (digits.length > 16) break;
      const formatted = formatNumber(digits);
      // A country code goes only with a phone number (10 digits).
      if (!formatted || (cc > 0 && digits.length !== 10)) continue;
      const end = units[u].end;
      if (!best || end > best.end) best = { end, text: cc > 0 ? `${plus ? '+' : ''}${code} ${formatted}` : formatted };
    }
  }
  return best;
}

/** IPv4 said as groups joined by "dot": "two two five dot double five dot o dot forty five". */
function ip(toks: readonly Tok[], i: number): Match | null {
  const groups: string[] = [];
  let k = i;
  for (let g = 0; g < 4; g++) {
    if (g > 0) {
      if (wordAt(toks, k) !== 'dot') return null;
      k++;
    }
    let digits = '';
    while (digits.length < 3) {
      const u = parseUnit(toks, k);
      if (!u || digits.length + u.digits.length > 3) break;
      digits += u.digits;
      k = u.end;
    }
    if (!digits) return null;
    groups.push(digits);
  }
  return { end: k, text: groups.join('.') };
}

function isLetter(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  return /\p{L}/u.test(c);
}

type CharKind = 'letter' | 'digit' | 'pair';

/**
 * Serial numbers: letters and digits said one by one ("x three eighty six" → "x386"). A lone "a" does
 * not start one, so "a thirty six times" keeps its article.
 */
function serial(toks: readonly Tok[], i: number): Match | null {
  const kinds: CharKind[] = [];
  const texts: string[] = [];
  const ends: number[] = [];
  let k = i;
  while (kinds.length < MAX_UNITS) {
    const t = toks[k];
    if (!t || !t.isWord) break;
    const d = t.lower in DIGITS ? String(DIGITS[t.lower]) : t.lower === 'zero' ? '0' : null;
    if (d !== null) {
      kinds.push('digit');
      texts.push(d);
      k++;
    } else {
      const p = parseTens(toks, k);
      if (p && p.value >= 10) {
        kinds.push('pair');
        texts.push(String(p.value));
        k = p.end;
      } else if (t.text.length === 1 && isLetter(t.text)) {
        // Serials carry a digit early; a long run of bare letters is spelling, not a serial.
        if (kinds.length >= 8 && !kinds.some((x) => x !== 'letter')) break;
        kinds.push('letter');
        texts.push(t.text);
        k++;
      } else {
        break;
      }
    }
    ends.push(k);
  }
  if (!kinds.some((x) => x !== 'letter')) return null;
  const first = toks[i];
  const lowerNotA = first && first.text.length === 1 && first.text !== 'a' && first.text === first.text.toLowerCase() && kinds[0] === 'letter';
  for (let len = kinds.length; len >= 2; len--) {
    const seq = kinds.slice(0, len);
    if (!seq.some((x) => x !== 'letter')) continue;
    const rest = seq.slice(1);
    const ok =
      (len >= 3 && (lowerNotA || seq[0] === 'digit')) ||
      (len >= 3 && rest.every((x) => x !== 'pair')) ||
      matchesRuns(seq, ['letter', 'letter', 'pair'], [2, 1]) ||
      (lowerNotA && rest.every((x) => x === 'pair')) ||
      matchesRuns(seq, ['pair', 'pair', 'letter'], [2, 1]);
    if (ok) return { end: ends[len - 1], text: texts.slice(0, len).join('') };
  }
  return null;
}

/** seq is kinds[0]{min0,} then kinds[2]{min1,}, where kinds[0] === kinds[1] describes the head run. */
function matchesRuns(seq: CharKind[], kinds: [CharKind, CharKind, CharKind], mins: [number, number]): boolean {
  let k = 0;
  while (k < seq.length && seq[k] === kinds[0]) k++;
  if (k < mins[0]) return false;
  const headEnd = k;
  while (k < seq.length && seq[k] === kinds[2]) k++;
  return k === seq.length && k - headEnd >= mins[1];
}

/** A serial needs a digit word among its first letters; checked before building anything. */
function digitSoon(toks: readonly Tok[], i: number): boolean {
  for (let k = i; k < toks.length && k - i < 9; k++) {
    const t = toks[k];
    if (!t.isWord) return false;
    if (t.lower in DIGITS || t.lower === 'zero' || t.lower === 'oh' || t.lower in TENS_START) return true;
    if (t.text.length !== 1) return false;
  }
  return false;
}

const TENS_START: Readonly<Record<string, true>> = Object.fromEntries(
  ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
    'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'].map((w) => [w, true]),
);

export function telephoneTagger(toks: readonly Tok[], i: number): Match | null {
  if (!digitSoon(toks, i) && wordAt(toks, i) !== 'plus' && wordAt(toks, i) !== 'double' && wordAt(toks, i) !== 'triple') {
    return null;
  }
  let best = phone(toks, i);
  const viaIp = ip(toks, i);
  if (viaIp && (!best || viaIp.end > best.end)) best = viaIp;
  const viaSerial = serial(toks, i);
  if (viaSerial && (!best || viaSerial.end > best.end)) best = viaSerial;
  return best;
}
