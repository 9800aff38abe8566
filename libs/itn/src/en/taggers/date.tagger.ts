import { Tok } from '../en-tokens';
import { DIGITS, parseCardinal, parseTens, SubParse, TIES, wordAt } from '../en-numbers';
import { parseOrdinal } from './number.tagger';
import { Match } from './tagger';

const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december',
]);
/** Months that are also common words: only with an ordinal day or a year. */
const AMBIGUOUS_MONTHS = new Set(['may', 'march']);
const ERAS: ReadonlyArray<readonly [string[], string]> = [
  [['b', 'c', 'e'], 'BCE'], [['a', 'd'], 'AD'], [['b', 'c'], 'BC'], [['c', 'e'], 'CE'],
  [['bce'], 'BCE'], [['ad'], 'AD'], [['bc'], 'BC'], [['ce'], 'CE'],
];

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

function isPair(t: SubParse | null): t is SubParse {
  return !!t && t.value >= 10 && (t.kind === 'teen' || t.kind === 'ties' || t.kind === 'tiesDigit');
}

/** Years: "nineteen seventy six", "twenty o five", "two thousand twelve". */
export function parseYear(toks: readonly Tok[], j: number): { digits: string; end: number } | null {
  const first = parseTens(toks, j);
  if (isPair(first)) {
    const w = wordAt(toks, first.end);
    if ((w === 'o' || w === 'oh') && wordAt(toks, first.end + 1) in DIGITS) {
      return { digits: `${first.value}0${DIGITS[wordAt(toks, first.end + 1)]}`, end: first.end + 2 };
    }
    const second = parseTens(toks, first.end);
    if (isPair(second)) return { digits: `${first.value}${pad2(second.value)}`, end: second.end };
    return null;
  }
  const d = wordAt(toks, j);
  if (d in DIGITS && wordAt(toks, j + 1) === 'thousand') {
    let k = j + 2;
    let hundreds = 0;
    const h = wordAt(toks, k);
    if (h in DIGITS && wordAt(toks, k + 1) === 'hundred') {
      hundreds = DIGITS[h];
      k += 2;
    }
    if (wordAt(toks, k) === 'and') k++;
    const rest = parseTens(toks, k);
    if (!rest) return null;
    return { digits: String(DIGITS[d] * 1000 + hundreds * 100 + rest.value), end: rest.end };
  }
  return null;
}

/** Decades and centuries: "nineteen eighties" → "1980s", "two thousands" → "2000s". */
function parseDecade(toks: readonly Tok[], j: number): Match | null {
  if (wordAt(toks, j) === 'two' && wordAt(toks, j + 1) === 'thousands') return { end: j + 2, text: '2000s' };
  const first = parseTens(toks, j);
  if (!isPair(first) || first.value < 10 || first.value > 29) return null;
  const w = wordAt(toks, first.end);
  let tail = -1;
  if (w === 'hundreds') tail = 0;
  else if (w === 'tens') tail = 10;
  else if (w.endsWith('ies') && w.slice(0, -3) + 'y' in TIES) tail = TIES[w.slice(0, -3) + 'y'];
  if (tail < 0) return null;
  return { end: first.end + 1, text: `${first.value}${pad2(tail)}s` };
}

function parseEra(toks: readonly Tok[], j: number): { text: string; end: number } | null {
  for (const [words, written] of ERAS) {
    let ok = true;
    for (let k = 0; k < words.length; k++) {
      if (wordAt(toks, j + k) !== words[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return { text: written, end: j + words.length };
  }
  return null;
}

/** "seven fifty b c" → "750BC", "nineteen hundred a d" → "1900AD". */
function parseEraYear(toks: readonly Tok[], j: number): Match | null {
  const candidates: { digits: string; end: number }[] = [];
  const year = parseYear(toks, j);
  if (year) candidates.push(year);
  const card = parseCardinal(toks, j);
  if (card) candidates.push(card);
  const d = wordAt(toks, j);
  const rest = d in DIGITS ? parseTens(toks, j + 1) : null;
  if (rest && rest.value >= 10) candidates.push({ digits: String(DIGITS[d] * 100 + rest.value), end: rest.end });
  for (const c of candidates.sort((a, b) => b.end - a.end)) {
    const era = parseEra(toks, c.end);
    if (era) return { end: era.end, text: c.digits + era.text };
  }
  return null;
}

function monthDayYear(toks: readonly Tok[], i: number): Match | null {
  const month = toks[i].text;
  let best: Match | null = null;
  const consider = (m: Match) => {
    if (!best || m.end > best.end) best = m;
  };
  const withDay = (value: number, end: number) => {
    const year = parseYear(toks, end);
    consider(year ? { end: year.end, text: `${month} ${value} ${year.digits}` } : { end, text: `${month} ${value}` });
  };
  // Preference on equal length: ordinal day, then a year ("july twenty twenty"), then a cardinal day
  // (WeTextProcessing's "june thirty"; not for may/march, which are also ordinary words).
  const ord = parseOrdinal(toks, i + 1);
  if (ord && ord.value >= 1 && ord.value <= 31) withDay(ord.value, ord.end);
  const year = parseYear(toks, i + 1);
  if (year) consider({ end: year.end, text: `${month} ${year.digits}` });
  if (!AMBIGUOUS_MONTHS.has(toks[i].lower)) {
    const t = parseTens(toks, i + 1);
    if (t && t.value >= 1 && t.value <= 31) withDay(t.value, t.end);
  }
  return best;
}

/** "the fifteenth of january [twenty twelve]" → "15 january [2012]". */
function dayOfMonth(toks: readonly Tok[], i: number): Match | null {
  if (wordAt(toks, i) !== 'the') return null;
  const day = parseOrdinal(toks, i + 1);
  if (!day || day.value < 1 || day.value > 31 || wordAt(toks, day.end) !== 'of') return null;
  const m = toks[day.end + 1];
  if (!m || !MONTHS.has(m.lower)) return null;
  const year = parseYear(toks, day.end + 2);
  if (year) return { end: year.end, text: `${day.value} ${m.text} ${year.digits}` };
  return { end: day.end + 2, text: `${day.value} ${m.text}` };
}

/** "second quarter of twenty twenty two" → "Q2 2022", "first half of …" → "H1 …". */
function periodOfYear(toks: readonly Tok[], i: number): Match | null {
  const ord = parseOrdinal(toks, i);
  if (!ord) return null;
  const period = wordAt(toks, ord.end);
  const letter = period === 'quarter' && ord.value <= 4 ? 'Q' : period === 'half' && ord.value <= 2 ? 'H' : '';
  if (!letter || wordAt(toks, ord.end + 1) !== 'of') return null;
  const year = parseYear(toks, ord.end + 2);
  if (!year) return null;
  return { end: year.end, text: `${letter}${ord.value} ${year.digits}` };
}

export function dateTagger(toks: readonly Tok[], i: number): Match | null {
  const t = toks[i];
  if (MONTHS.has(t.lower)) return monthDayYear(toks, i);
  let best: Match | null = null;
  for (const m of [dayOfMonth(toks, i), periodOfYear(toks, i), parseEraYear(toks, i), parseDecade(toks, i)]) {
    if (m && (!best || m.end > best.end)) best = m;
  }
  const year = parseYear(toks, i);
  if (year && (!best || year.end > best.end)) best = { end: year.end, text: year.digits };
  return best;
}

