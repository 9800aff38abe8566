/**
 * Chinese/Japanese numeral parsing shared by the zh and ja grammars: structured numbers (一千零五十, 三億二千万),
 * digit-by-digit strings (幺三八), and rendering with the anchors' conventions for 万/亿/兆.
 */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  '○': 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  貳: 2,
  两: 2,
  兩: 2,
  三: 3,
  叁: 3,
  參: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  陸: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
/** Telephone readings only ever used digit by digit. */
const PHONE_ONLY: Record<string, number> = { 幺: 1, 拐: 7, 洞: 0 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 4, 萬: 4, 亿: 8, 億: 8, 兆: 12 };

// Code-unit lookup tables: the scanners call these for every character, so they must not allocate or hash.
const DIGIT_TABLE = new Int8Array(65536).fill(-1);
const PHONE_TABLE = new Int8Array(65536).fill(-1);
const SMALL_UNIT_TABLE = new Int16Array(65536);
const BIG_UNIT_TABLE = new Int8Array(65536);
for (const [c, d] of Object.entries(DIGITS)) {
  DIGIT_TABLE[c.charCodeAt(0)] = d;
  PHONE_TABLE[c.charCodeAt(0)] = d;
}
for (const [c, d] of Object.entries(PHONE_ONLY)) PHONE_TABLE[c.charCodeAt(0)] = d;
for (const [c, v] of Object.entries(SMALL_UNITS)) SMALL_UNIT_TABLE[c.charCodeAt(0)] = v;
for (const [c, v] of Object.entries(BIG_UNITS)) BIG_UNIT_TABLE[c.charCodeAt(0)] = v;

export function digitOf(c: string | undefined): number {
  return c === undefined || c.length === 0 ? -1 : DIGIT_TABLE[c.charCodeAt(0)];
}
export function phoneDigitOf(c: string | undefined): number {
  return c === undefined || c.length === 0 ? -1 : PHONE_TABLE[c.charCodeAt(0)];
}
export function smallUnitOf(c: string | undefined): number {
  return c === undefined || c.length === 0 ? 0 : SMALL_UNIT_TABLE[c.charCodeAt(0)];
}
export function bigUnitExp(c: string | undefined): number {
  return c === undefined || c.length === 0 ? 0 : BIG_UNIT_TABLE[c.charCodeAt(0)];
}
/** The same tests by position, reading the code unit: no one-character strings are made in the hot loops. */
export function digitAt(s: string, i: number): number {
  return i < s.length && i >= 0 ? DIGIT_TABLE[s.charCodeAt(i)] : -1;
}
export function phoneDigitAt(s: string, i: number): number {
  return i < s.length && i >= 0 ? PHONE_TABLE[s.charCodeAt(i)] : -1;
}
export function smallUnitAt(s: string, i: number): number {
  return i < s.length && i >= 0 ? SMALL_UNIT_TABLE[s.charCodeAt(i)] : 0;
}
export function bigUnitAt(s: string, i: number): number {
  return i < s.length && i >= 0 ? BIG_UNIT_TABLE[s.charCodeAt(i)] : 0;
}
export function isZeroAt(s: string, i: number): boolean {
  const k = i < s.length && i >= 0 ? s.charCodeAt(i) : 0;
  return k === 0x96f6 || k === 0x3007 || k === 0x25cb;
}
export function isNumeralAt(s: string, i: number): boolean {
  if (i >= s.length || i < 0) return false;
  const k = s.charCodeAt(i);
  return PHONE_TABLE[k] >= 0 || SMALL_UNIT_TABLE[k] > 0 || BIG_UNIT_TABLE[k] > 0;
}

export function isZeroChar(c: string | undefined): boolean {
  return c === '零' || c === '〇' || c === '○';
}
/** Any character that can take part in a spoken number. */
export function isNumeralChar(c: string | undefined): boolean {
  if (c === undefined || c.length === 0) return false;
  const k = c.charCodeAt(0);
  return PHONE_TABLE[k] >= 0 || SMALL_UNIT_TABLE[k] > 0 || BIG_UNIT_TABLE[k] > 0;
}

export interface NumberDialect {
  /** zh: 一百一 = 110, 一千一 = 1100, 一万二 = 12000. ja reads the trailing digit as units (百一 = 101). */
  abbreviate: boolean;
  /** ja: 百, 千 without a leading digit (千百 = 1100). zh only allows a bare 十. */
  bareUnits: boolean;
  /** True when a measure unit starts here (千克): its 千 is not a number place. */
  unitAt?: (s: string, i: number) => boolean;
}

/** One multiplier-and-unit group: 三百二十 万 → { mult: 320, exp: 4, unitChar: '万' }; exp 0 is the tail. */
export interface NumberGroup {
  mult: number;
  exp: number;
  unitChar: string;
}

export interface ParsedNumber {
  start: number;
  end: number;
  groups: NumberGroup[];
  /** Just one digit character (一, 五): governed by enable_0_to_9. */
  singleDigit: boolean;
  /** Digits only, no unit character at all (a candidate digit string). */
  unitless: boolean;
}

interface Section {
  value: number;
  end: number;
  /** Place of the last unit read (10, 100, 1000), or 1 when the section ended on a plain digit. */
  lastPlace: number;
  digitCount: number;
  endsOnBareDigit: boolean;
  hadZero: boolean;
}

/** Reads a number below 10 000 (digits with 十/百/千), longest match. */
function parseSection(s: string, i: number, dialect: NumberDialect, limit: number): Section | null {
  let pos = i;
  let value = 0;
  let lastPlace = 10000;
  let digitCount = 0;
  let zero = false;
  let endsOnBareDigit = false;
  let consumed = false;
  while (pos < limit) {
    const d = digitAt(s, pos);
    if (d === 0 && isZeroAt(s, pos)) {
      // A zero inside a number (一千零五) only counts when a digit follows it.
      if (!consumed || !(digitAt(s, pos + 1) > 0 || smallUnitAt(s, pos + 1) === 10)) break;
      zero = true;
      pos++;
      continue;
    }
    if (d > 0) {
      const place = smallUnitAt(s, pos + 1);
      if (place > 0 && place < lastPlace && pos + 1 < limit) {
        value += d * place;
        lastPlace = place;
        digitCount++;
        pos += 2;
        consumed = true;
        continue;
      }
      // 八百一千: a digit that starts the next number (its unit is too big for this one) is not ours.
      if (place > 0 && consumed && !(dialect.unitAt && dialect.unitAt(s, pos + 1))) break;
      // A trailing digit: units, or an abbreviated next place (一百一 = 110).
      if (consumed && !zero && lastPlace > 10 && lastPlace < 10000 && dialect.abbreviate) {
        value += (d * lastPlace) / 10;
      } else {
        value += d;
      }
      lastPlace = 1;
      digitCount++;
      pos++;
      endsOnBareDigit = true;
      consumed = true;
      break;
    }
    const bare = smallUnitAt(s, pos);
    if (
      bare > 0 &&
      bare < lastPlace &&
      (bare === 10 ? !consumed || dialect.bareUnits || zero : dialect.bareUnits)
    ) {
      value += bare;
      lastPlace = bare;
      pos++;
      consumed = true;
      zero = false;
      continue;
    }
    break;
  }
  if (!consumed) return null;
  return { value, end: pos, lastPlace, digitCount, endsOnBareDigit, hadZero: zero };
}

/**
 * Longest structured number starting at `i` (一千零一, 三億二千万, 十五). Returns null if none starts here.
 * `limit` bounds the look-ahead so scanning stays linear on pathological input.
 */
export function parseNumber(
  s: string,
  i: number,
  dialect: NumberDialect,
  limit = s.length,
): ParsedNumber | null {
  const groups: NumberGroup[] = [];
  let pos = i;
  let lastExp = 100;
  let first = true;
  let onlyDigit = true;
  let unitless = true;
  while (pos < limit) {
    let start = pos;
    if (!first && isZeroAt(s, pos) && (digitAt(s, pos + 1) > 0 || smallUnitAt(s, pos + 1) === 10))
      start = pos + 1;
    const sec = parseSection(s, start, dialect, limit);
    if (!sec) break;
    const exp = bigUnitAt(s, sec.end);
    if (exp > 0 && exp < lastExp && sec.end < limit) {
      groups.push({ mult: sec.value, exp, unitChar: s[sec.end] });
      lastExp = exp;
      pos = sec.end + 1;
      first = false;
      onlyDigit = false;
      unitless = false;
      continue;
    }
    // The tail below the lowest big unit. zh reads 一万二 as 12000: a lone digit right after a big unit.
    let mult = sec.value;
    if (
      !first &&
      dialect.abbreviate &&
      sec.digitCount === 1 &&
      sec.endsOnBareDigit &&
      start === pos &&
      sec.end - start === 1 &&
      lastExp === 4
    ) {
      mult = sec.value * 1000;
    }
    groups.push({ mult, exp: 0, unitChar: '' });
    if (sec.end - start > 1 || !sec.endsOnBareDigit) unitless = unitless && !hasUnitChar(s, start, sec.end);
    if (!(first && sec.end - start === 1 && sec.endsOnBareDigit)) onlyDigit = false;
    pos = sec.end;
    first = false;
    break;
  }
  if (groups.length === 0) return null;
  return {
    start: i,
    end: pos,
    groups,
    singleDigit: onlyDigit && groups.length === 1 && groups[0].exp === 0,
    unitless,
  };
}

function hasUnitChar(s: string, a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (smallUnitAt(s, k) > 0) return true;
  return false;
}

/** Full integer value as a decimal string (exact for any size). */
export function fullValue(groups: readonly NumberGroup[]): string {
  let total = 0n;
  for (const g of groups) total += BigInt(g.mult) * 10n ** BigInt(g.exp);
  return total.toString();
}

export function groupThousands(digits: string): string {
  const neg = digits.startsWith('-');
  const d = neg ? digits.slice(1) : digits;
  if (d.length <= 3) return digits;
  let out = '';
  let k = d.length % 3 || 3;
  out = d.slice(0, k);
  for (; k < d.length; k += 3) out += ',' + d.slice(k, k + 3);
  return (neg ? '-' : '') + out;
}

/**
 * WeTextProcessing's rendering: 亿/兆 stay as characters; 万 stays when its multiplier has three or more
 * digits (两千万 → 2000万, 一百万一千 → 100万1000) and is folded in otherwise (一万零一 → 10001).
 * `keepWanAfterBig` (ja) also keeps 万 after 億/兆 (一億五万 → 1億5万).
 */
export function renderWetext(groups: readonly NumberGroup[], keepWanAfterBig = false): string {
  let out = '';
  let k = 0;
  let sawBig = false;
  while (k < groups.length && groups[k].exp >= 8) {
    out += String(groups[k].mult) + groups[k].unitChar;
    sawBig = true;
    k++;
  }
  const rest = groups.slice(k);
  if (rest.length === 0) return out;
  const wan = rest[0].exp === 4 ? rest[0] : null;
  const tail = rest.length > 0 && rest[rest.length - 1].exp === 0 ? rest[rest.length - 1].mult : 0;
  const hasTail = rest[rest.length - 1].exp === 0;
  if (wan && (wan.mult >= 100 || (keepWanAfterBig && sawBig))) {
    return out + String(wan.mult) + wan.unitChar + (hasTail && tail > 0 ? String(tail) : '');
  }
  if (wan) return out + String(wan.mult * 10000 + tail);
  return out + String(tail);
}

/**
 * NeMo's rendering: a round multiple of one big unit keeps it (一万 → 1万, 一千億 → 1,000億); anything else is
 * written out in full. `commas` adds digit-group separators (NeMo cardinals/decimals, not ordinals or money).
 */
export function renderNemo(groups: readonly NumberGroup[], commas: boolean): string {
  const fmt = (d: string) => (commas ? groupThousands(d) : d);
  if (groups.length === 1 && groups[0].exp > 0) return fmt(String(groups[0].mult)) + groups[0].unitChar;
  if (groups.length === 2 && groups[0].exp > 0 && groups[1].exp === 0 && groups[1].mult === 0) {
    return fmt(String(groups[0].mult)) + groups[0].unitChar;
  }
  return fmt(fullValue(groups));
}

/** Digit-by-digit reading (幺三八 → 138), longest run from `i`; returns the end index and the digits. */
export function readDigitString(s: string, i: number, limit = s.length): { end: number; digits: string } {
  const end = digitRunEnd(s, i, limit);
  // Only runs that can become digit strings are spelled out; the scanners probe every position.
  return { end, digits: end - i >= 2 ? spellDigits(s, i, end) : end > i ? String(phoneDigitAt(s, i)) : '' };
}

/** End of the run of digit characters (telephone readings included) starting at `i`. */
export function digitRunEnd(s: string, i: number, limit = s.length): number {
  let pos = i;
  while (pos < limit && PHONE_TABLE[s.charCodeAt(pos)] >= 0) pos++;
  return pos;
}

function spellDigits(s: string, a: number, b: number): string {
  let out = '';
  for (let k = a; k < b; k++) out += String.fromCharCode(48 + PHONE_TABLE[s.charCodeAt(k)]);
  return out;
}

/** Fraction digits after a decimal point: every character a plain digit (零 included). */
export function readDecimalDigits(s: string, i: number, limit = s.length): { end: number; digits: string } {
  let pos = i;
  let digits = '';
  while (pos < limit) {
    const d = digitAt(s, pos);
    if (d < 0) break;
    digits += String(d);
    pos++;
  }
  return { end: pos, digits };
}
