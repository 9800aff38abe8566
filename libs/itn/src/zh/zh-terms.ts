import { ItnOptions } from '../core/grammar';
import {
  NumberDialect,
  ParsedNumber,
  bigUnitAt,
  digitAt,
  fullValue,
  groupThousands,
  isZeroAt,
  parseNumber,
  phoneDigitAt,
  readDecimalDigits,
  readDigitString,
  renderNemo,
  renderWetext,
  smallUnitAt,
} from '../shared/cjk-number';
import { zhConventions } from './zh-conventions';
import { unitsSymbol } from './zh-units';

const unitAt = (s: string, i: number): boolean => unitsSymbol.match(s, i) !== undefined;
export const ZH_DIALECT: NumberDialect = { abbreviate: true, bareUnits: false, unitAt };
/** NeMo reads 一千一百一 as 1101: no abbreviated trailing place. */
export const ZH_NEMO_DIALECT: NumberDialect = { abbreviate: false, bareUnits: false, unitAt };

export function zhDialect(opts: ItnOptions | undefined): NumberDialect {
  return opts && zhConventions(opts).abbreviation === 'nemo' ? ZH_NEMO_DIALECT : ZH_DIALECT;
}

/** One spoken quantity: a signed integer, decimal, or digit-by-digit string. */
export interface Term {
  start: number;
  end: number;
  sign: string;
  kind: 'int' | 'decimal' | 'digits';
  num?: ParsedNumber;
  /** Digits after the decimal point, or the digit-string reading. */
  digits: string;
}

export type Role = 'cardinal' | 'money' | 'ordinal' | 'measure' | 'fraction';

const SIGNS: ReadonlyArray<readonly [string, string]> = [
  ['正负', '±'],
  ['负的', '-'],
  ['负', '-'],
  ['負', '-'],
];

export function readSign(s: string, i: number): { sign: string; end: number } {
  for (const [w, v] of SIGNS) if (s.startsWith(w, i)) return { sign: v, end: i + w.length };
  return { sign: '', end: i };
}

/**
 * Reads a term at `i` (after an optional sign). Digit strings win when three or more plain digits follow each
 * other without a unit (幺三五…, 一二三四); a number followed by 点 and digits is a decimal.
 */
export function readTerm(
  s: string,
  i: number,
  limit: number,
  allowSign = true,
  opts?: ItnOptions,
): Term | null {
  const sg = allowSign ? readSign(s, i) : { sign: '', end: i };
  const p = sg.end;
  if (p >= limit) return null;
  const run = readDigitString(s, p, limit);
  const runLen = run.end - p;
  if (runLen >= 3 && smallUnitAt(s, run.end) === 0 && bigUnitAt(s, run.end) === 0 && !isDot(s[run.end])) {
    let end = run.end;
    let digits = run.digits;
    if (runLen === 17 && (s[end] === 'X' || s[end] === 'x')) {
      digits += s[end];
      end++;
    }
    return { start: i, end, sign: sg.sign, kind: 'digits', digits };
  }
  if (runLen >= 2 && hasPhoneOnly(s, p, run.end) && smallUnitAt(s, run.end) === 0) {
    return { start: i, end: run.end, sign: sg.sign, kind: 'digits', digits: run.digits };
  }
  // 零点六: a lone zero is a number only as the integer part of a decimal.
  // 零 alone is 0 too (十比零), unless digits follow (then it is a digit string or nothing).
  const zeroInt = isZeroAt(s, p) && digitAt(s, p + 1) < 0 && smallUnitAt(s, p + 1) === 0;
  const num: ParsedNumber | null = zeroInt
    ? { start: p, end: p + 1, groups: [{ mult: 0, exp: 0, unitChar: '' }], singleDigit: true, unitless: true }
    : parseNumber(s, p, zhDialect(opts), limit);
  if (!num) return null;
  if (isDot(s[num.end]) && digitAt(s, num.end + 1) >= 0) {
    const frac = readDecimalDigits(s, num.end + 1, limit);
    // 五点一刻 is a time of day, not 5.1.
    if (s[frac.end] !== '刻')
      return { start: i, end: frac.end, sign: sg.sign, kind: 'decimal', num, digits: frac.digits };
  }
  return { start: i, end: num.end, sign: sg.sign, kind: 'int', num, digits: '' };
}

export function isDot(c: string | undefined): boolean {
  return c === '点' || c === '點';
}

function hasPhoneOnly(s: string, a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (digitAt(s, k) < 0 && phoneDigitAt(s, k) >= 0) return true;
  return false;
}

const ROLE_CONVENTION = {
  cardinal: 'cardinal',
  money: 'moneyAmount',
  ordinal: 'ordinal',
  measure: 'measure',
  fraction: 'cardinal',
} as const;

/** Writes a term under the style and the role it plays (NeMo groups digits only in plain cardinals). */
export function renderTerm(t: Term, role: Role, opts: ItnOptions): string {
  if (t.kind === 'digits') return t.sign + t.digits;
  const num = t.num as ParsedNumber;
  const conv = zhConventions(opts);
  const nemo = conv[ROLE_CONVENTION[role]] === 'nemo';
  if (t.kind === 'decimal') {
    const int = fullValue(num.groups);
    return t.sign + (nemo && role === 'cardinal' ? groupThousands(int) : int) + '.' + t.digits;
  }
  if (!nemo) return t.sign + renderWetext(num.groups);
  if (role === 'fraction') return t.sign + fullValue(num.groups);
  return t.sign + renderNemo(num.groups, role === 'cardinal');
}

/** Integer value of a term (for dates and times), or -1 when it is not a plain small integer. */
export function smallValue(t: Term | null): number {
  if (!t || t.sign || t.kind !== 'int' || !t.num) return -1;
  const g = t.num.groups;
  if (g.length !== 1 || g[0].exp !== 0) return -1;
  return g[0].mult;
}
