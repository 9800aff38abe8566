import { Tok } from './en-tokens';

/**
 * English number-word parsing: a small recursive-descent parser over tokens. Every function reads
 * forward from a token index and returns where it stopped, so callers compose them without regexes.
 */
export const DIGITS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};
export const TEENS: Readonly<Record<string, number>> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
};
export const TIES: Readonly<Record<string, number>> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
/** Scale words by power of a thousand. */
export const SCALES: Readonly<Record<string, number>> = {
  thousand: 1, million: 2, billion: 3, trillion: 4, quadrillion: 5, quintillion: 6, sextillion: 7,
};

const IRREGULAR_ORDINALS: Readonly<Record<string, string>> = {
  first: 'one', second: 'two', third: 'three', fifth: 'five', eighth: 'eight', ninth: 'nine', twelfth: 'twelve',
  zeroth: 'zero',
};

export function isNumberWord(w: string): boolean {
  return w in DIGITS || w in TEENS || w in TIES || w in SCALES || w === 'hundred' || w === 'zero';
}

/** "twenty first" → "one", "fortieth" → "forty", "hundredth" → "hundred"; null if not an ordinal word. */
export function ordinalToCardinalWord(w: string): string | null {
  const irregular = IRREGULAR_ORDINALS[w];
  if (irregular) return irregular;
  if (w.endsWith('ieth')) {
    const base = w.slice(0, -4) + 'y';
    return base in TIES ? base : null;
  }
  if (w.endsWith('th')) {
    const base = w.slice(0, -2);
    return isNumberWord(base) && base !== 'zero' ? base : null;
  }
  return null;
}

export function ordinalSuffix(digits: string): string {
  const last2 = digits.length >= 2 ? digits.slice(-2) : digits;
  if (last2.length === 2 && last2[0] === '1') return 'th';
  switch (digits[digits.length - 1]) {
    case '1': return 'st';
    case '2': return 'nd';
    case '3': return 'rd';
    default: return 'th';
  }
}

/** Optional override: read token `index` as `word` (used to parse an ordinal's last word as a cardinal). */
export interface WordOverride {
  index: number;
  word: string;
}

export function wordAt(toks: readonly Tok[], j: number, ov?: WordOverride): string {
  if (ov && ov.index === j) return ov.word;
  const t = toks[j];
  return t && t.isWord ? t.lower : '';
}

export interface SubParse {
  value: number;
  end: number;
  kind: 'digit' | 'teen' | 'ties' | 'tiesDigit' | 'hundred';
}

/** 1-99 as words: "seven", "fifteen", "forty", "forty two". */
export function parseTens(toks: readonly Tok[], j: number, ov?: WordOverride): SubParse | null {
  const w = wordAt(toks, j, ov);
  if (w in DIGITS) return { value: DIGITS[w], end: j + 1, kind: 'digit' };
  if (w in TEENS) return { value: TEENS[w], end: j + 1, kind: 'teen' };
  if (w in TIES) {
    const next = wordAt(toks, j + 1, ov);
    if (next in DIGITS) return { value: TIES[w] + DIGITS[next], end: j + 2, kind: 'tiesDigit' };
    // Written-style hyphenation: "twenty-one".
    const hyphen = toks[j + 1];
    const after = wordAt(toks, j + 2, ov);
    if (hyphen && hyphen.text === '-' && !hyphen.spaced && after in DIGITS && !toks[j + 2].spaced) {
      return { value: TIES[w] + DIGITS[after], end: j + 3, kind: 'tiesDigit' };
    }
    return { value: TIES[w], end: j + 1, kind: 'ties' };
  }
  return null;
}

/** 1-999: "[digit hundred] [and] [1-99]". */
export function parseHundredComponent(toks: readonly Tok[], j: number, ov?: WordOverride): SubParse | null {
  const w = wordAt(toks, j, ov);
  if (w in DIGITS && wordAt(toks, j + 1, ov) === 'hundred') {
    let value = DIGITS[w] * 100;
    let end = j + 2;
    let k = end;
    if (wordAt(toks, k, ov) === 'and' && parseTens(toks, k + 1, ov)) k++;
    const tail = parseTens(toks, k, ov);
    if (tail) {
      value += tail.value;
      end = tail.end;
    }
    return { value, end, kind: 'hundred' };
  }
  return parseTens(toks, j, ov);
}

/** "eleven hundred [and] twenty one" → 1121; "twenty one hundred" → 2100 (teen or ties+digit before hundred). */
export function parseHundredAsThousand(toks: readonly Tok[], j: number, ov?: WordOverride): SubParse | null {
  const head = parseTens(toks, j, ov);
  if (!head || (head.kind !== 'teen' && head.kind !== 'tiesDigit')) return null;
  if (wordAt(toks, head.end, ov) !== 'hundred') return null;
  let value = head.value * 100;
  let end = head.end + 1;
  let k = end;
  if (wordAt(toks, k, ov) === 'and' && parseTens(toks, k + 1, ov)) k++;
  const tail = parseTens(toks, k, ov);
  if (tail) {
    value += tail.value;
    end = tail.end;
  }
  return { value, end, kind: 'hundred' };
}

export interface CardinalParse {
  digits: string;
  end: number;
  /** Set when the phrase is "<1-999> <million|billion|…>" and nothing more: written "15 billion". */
  quantity: { head: number; scaleTok: number } | null;
}

function pad3(n: number): string {
  return n < 10 ? '00' + n : n < 100 ? '0' + n : String(n);
}

/** A whole cardinal phrase, longest match: "one billion five hundred ninety three million …", "zero". */
export function parseCardinal(toks: readonly Tok[], j: number, ov?: WordOverride): CardinalParse | null {
  if (wordAt(toks, j, ov) === 'zero') return { digits: '0', end: j + 1, quantity: null };
  const groups: number[] = [];
  let top = -1;
  let lastScale = 99;
  let k = j;
  let lastScaleTok = -1;
  for (;;) {
    let start = k;
    if (groups.length > 0 && wordAt(toks, k, ov) === 'and') start = k + 1;
    const comp = parseHundredComponent(toks, start, ov);
    if (!comp) break;
    const scale = SCALES[wordAt(toks, comp.end, ov)];
    if (scale === undefined || scale >= lastScale) break;
    if (top < 0) top = scale;
    groups[scale] = comp.value;
    lastScale = scale;
    lastScaleTok = comp.end;
    k = comp.end + 1;
  }
  let tailStart = k;
  if (groups.length > 0 && wordAt(toks, k, ov) === 'and') tailStart = k + 1;
  const asThousand = parseHundredAsThousand(toks, tailStart, ov);
  const comp = parseHundredComponent(toks, tailStart, ov);
  const tail = asThousand && (!comp || asThousand.end > comp.end) ? asThousand : comp;
  if (top < 0) {
    if (!tail) return null;
    return { digits: String(tail.value), end: tail.end, quantity: null };
  }
  if (tail && tail.value >= 1000) {
    // "one million eleven hundred": the thousands slot must be free.
    if (groups[1] !== undefined) return finish(groups, top, k, null);
    groups[1] = Math.floor(tail.value / 1000);
    groups[0] = tail.value % 1000;
    return finish(groups, top, tail.end, null);
  }
  if (tail) {
    groups[0] = tail.value;
    return finish(groups, top, tail.end, null);
  }
  const onlyGroup = top >= 2 && Object.keys(groups).length === 1;
  return finish(groups, top, k, onlyGroup ? { head: groups[top], scaleTok: lastScaleTok } : null);
}

function finish(groups: number[], top: number, end: number, quantity: CardinalParse['quantity']): CardinalParse {
  let digits = String(groups[top] ?? 0);
  for (let s = top - 1; s >= 0; s--) digits += pad3(groups[s] ?? 0);
  return { digits, end, quantity };
}

/** Single digit words after "point": "one".."nine", "zero", "o" (and "oh"). */
export function digitWordValue(w: string): string | null {
  if (w in DIGITS) return String(DIGITS[w]);
  if (w === 'zero' || w === 'o' || w === 'oh') return '0';
  return null;
}

/** Standalone 0-12 ("one of us") are not converted, as in NeMo. */
export function isSmallStandalone(toks: readonly Tok[], j: number, end: number): boolean {
  if (end !== j + 1) return false;
  const w = toks[j].lower;
  return w === 'zero' || w in DIGITS || (w in TEENS && TEENS[w] <= 12);
}
