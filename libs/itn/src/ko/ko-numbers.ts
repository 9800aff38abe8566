/**
 * Korean numerals read character by character from a position in the line. Sino-Korean numbers follow
 * their place-value structure (a digit syllable must carry 천/백/십 unless it is the last), so ordinary
 * words made of digit syllables ("이사", "오이") are not numbers.
 */
export const SINO_DIGITS: Readonly<Record<string, number>> = {
  일: 1, 이: 2, 삼: 3, 사: 4, 오: 5, 육: 6, 칠: 7, 팔: 8, 구: 9,
};
/** Digit value by UTF-16 code (-1 if not a Sino digit): hashing one-character strings is the hot cost. */
const DIGIT_BY_CODE = new Int8Array(65536).fill(-1);
for (const [c, v] of Object.entries(SINO_DIGITS)) DIGIT_BY_CODE[c.charCodeAt(0)] = v;
const SMALL_PLACES: ReadonlyArray<readonly [number, number]> = [
  ['천'.charCodeAt(0), 1000], ['백'.charCodeAt(0), 100], ['십'.charCodeAt(0), 10],
];
/** 만-based groups, largest first: power of ten of each. */
const BIG_PLACES: ReadonlyArray<readonly [number, number]> = [
  ['경'.charCodeAt(0), 16], ['조'.charCodeAt(0), 12], ['억'.charCodeAt(0), 8], ['만'.charCodeAt(0), 4],
];
const YEONG = '영'.charCodeAt(0);
const GONG = '공'.charCodeAt(0);

/** Digit at k for digit-by-digit reading (영 and 공 are 0), or -1. */
export function digitAt(s: string, k: number): number {
  if (k >= s.length) return -1;
  const c = s.charCodeAt(k);
  if (c === YEONG || c === GONG) return 0;
  return DIGIT_BY_CODE[c];
}
export const ZEROS = new Set(['영', '공']);

export interface NumParse {
  digits: string;
  end: number;
  /** Number of syllables read. */
  length: number;
}

/** 1-9999: "[d]천[d]백[d]십[d]". */
function parseSmall(s: string, p: number): { value: number; end: number } | null {
  let value = 0;
  let k = p;
  for (const [place, mult] of SMALL_PLACES) {
    const d = k < s.length ? DIGIT_BY_CODE[s.charCodeAt(k)] : -1;
    if (d > 0 && s.charCodeAt(k + 1) === place) {
      value += d * mult;
      k += 2;
    } else if (s.charCodeAt(k) === place) {
      value += mult;
      k += 1;
    }
  }
  const d = k < s.length ? DIGIT_BY_CODE[s.charCodeAt(k)] : -1;
  if (d > 0) {
    value += d;
    k++;
  }
  return k > p ? { value, end: k } : null;
}

function pad(n: number, width: number): string {
  let s = String(n);
  while (s.length < width) s = '0' + s;
  return s;
}

// Every class parses the number at the same position; remember the last line's parses.
let memoLine: string | null = null;
const memo = new Map<number, NumParse | null>();

/** A whole Sino-Korean cardinal: "십이억천만" → 1210000000, "영" → 0. */
export function parseSino(s: string, p: number): NumParse | null {
  if (s !== memoLine) {
    memoLine = s;
    memo.clear();
  }
  let r = memo.get(p);
  if (r === undefined) {
    r = parseSinoUncached(s, p);
    memo.set(p, r);
  }
  return r;
}

function parseSinoUncached(s: string, p: number): NumParse | null {
  if (s.charCodeAt(p) === YEONG) return { digits: '0', end: p + 1, length: 1 };
  const groups = new Map<number, number>();
  let k = p;
  for (const [place, power] of BIG_PLACES) {
    const small = parseSmall(s, k);
    if (small && s.charCodeAt(small.end) === place) {
      groups.set(power, small.value);
      k = small.end + 1;
    } else if (s.charCodeAt(k) === place) {
      groups.set(power, 1);
      k++;
    }
  }
  const tail = parseSmall(s, k);
  if (tail) {
    groups.set(0, tail.value);
    k = tail.end;
  }
  if (k === p) return null;
  let top = -1;
  for (const power of groups.keys()) top = Math.max(top, power);
  let digits = String(groups.get(top));
  for (let power = top - 4; power >= 0; power -= 4) digits += pad(groups.get(power) ?? 0, 4);
  return { digits, end: k, length: k - p };
}

/** Digits after 점 (영 and 공 are zero). */
export function parseDigitString(s: string, p: number, max = 64): { digits: string; end: number } | null {
  let digits = '';
  let k = p;
  while (k - p < max) {
    const d = digitAt(s, k);
    if (d < 0) break;
    digits += d;
    k++;
  }
  return digits ? { digits, end: k } : null;
}

const NATIVE_TENS: ReadonlyArray<readonly [string, number]> = [
  ['스물', 20], ['스무', 20], ['서른', 30], ['마흔', 40], ['예순', 60], ['일흔', 70], ['여든', 80], ['아흔', 90],
  ['열', 10], ['쉰', 50],
];
const NATIVE_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['다섯', 5], ['여섯', 6], ['일곱', 7], ['여덟', 8], ['아홉', 9], ['한', 1], ['두', 2], ['세', 3], ['네', 4],
];

const NATIVE_START = new Set([...NATIVE_TENS, ...NATIVE_UNITS, ['첫', 1] as const].map(([w]) => w.charCodeAt(0)));

function startsWith(s: string, p: number, word: string): boolean {
  return s.startsWith(word, p);
}

/**
 * Native Korean 1-99 in attributive form ("열한", "스무", "서른두"), as used before 시, 번째 and counters.
 * `first` allows 첫 (only in ordinals, and only alone).
 */
export function parseNative(s: string, p: number, first = false): { value: number; end: number } | null {
  if (!NATIVE_START.has(s.charCodeAt(p))) return null;
  if (first && s[p] === '첫') return { value: 1, end: p + 1 };
  let value = 0;
  let k = p;
  let tensWord = '';
  for (const [word, v] of NATIVE_TENS) {
    if (startsWith(s, k, word)) {
      value = v;
      k += word.length;
      tensWord = word;
      break;
    }
  }
  for (const [word, v] of NATIVE_UNITS) {
    if (startsWith(s, k, word)) {
      // 스무 is the bare 20; with a unit it is 스물 ("스물한").
      if (tensWord === '스무') return { value, end: k };
      value += v;
      k += word.length;
      break;
    }
  }
  if (tensWord === '스물' && k === p + 2) return null;
  return k > p ? { value, end: k } : null;
}
