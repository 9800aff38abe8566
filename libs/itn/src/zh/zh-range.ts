import { ItnOptions } from '../core/grammar';
import { bigUnitAt, digitAt, digitOf, smallUnitAt } from '../shared/cjk-number';
import type { ZhMatch } from './zh.grammar';
import { readCurrency, readUnit, unitsSymbol } from './zh-units';

/** Two neighbouring digits read as an approximate range (三四, 七八; 三五 is the common exception). */
function rangePair(s: string, i: number, allowThreeFive = true): [number, number] | null {
  const a = digitAt(s, i);
  const b = digitAt(s, i + 1);
  // 两 may open a pair (两三天) but as the second member it is usually the weight unit (二两).
  if (a <= 0 || b <= 0 || s[i + 1] === '两' || s[i + 1] === '兩') return null;
  if (b === a + 1 || (allowThreeFive && a === 3 && b === 5)) return [a, b];
  return null;
}

/**
 * Approximate numbers, WeTextProcessing style: 三五千 → 3000~5000, 三四十万 → 30~40万 (a "~" range of two
 * round numbers), 十五六 → 15-6, 七百三四十 → 730-40, 三万四五 → 34000-5000 (a "-" range of the last place).
 */
export function matchApproxRange(s: string, i: number, limit: number, opts: ItnOptions): ZhMatch | null {
  const r = readApprox(s, i, limit, opts);
  if (!r) return null;
  const text = r.text;
  const end = r.end;
  const cur = readCurrency(s, end, opts);
  if (cur) return { end: cur.end, reps: [{ start: i, end: cur.end, text: cur.symbol + text }] };
  const unit = readUnit(s, end, opts);
  if (unit && !unit.kept) {
    return {
      end: unit.end,
      reps: [
        { start: i, end, text },
        { start: end, end: unit.end, text: unit.text },
      ],
    };
  }
  return { end, reps: [{ start: i, end, text }] };
}

function readApprox(
  s: string,
  i: number,
  limit: number,
  opts: ItnOptions,
): { end: number; text: string } | null {
  if (i + 2 > limit) return null;
  // 三五千, 三四十万, 三五万
  const pair = rangePair(s, i);
  if (pair && digitOf(s[i - 1] ?? '') < 0 && smallUnitAt(s, i - 1) === 0) {
    const place = smallUnitAt(s, i + 2);
    const big = bigUnitAt(s, i + 2 + (place ? 1 : 0)) > 0 ? s[i + 2 + (place ? 1 : 0)] : '';
    // 三五个人, 两三天: a pair before a measure word (not 年: 二三年 is a year).
    if (!place && !big && s[i + 2] !== '年' && readUnit(s, i + 2, opts)?.kept) {
      return { end: i + 2, text: `${pair[0]}~${pair[1]}` };
    }
    if (place || big) {
      const p = place || 1;
      const end = i + 2 + (place ? 1 : 0) + (big ? 1 : 0);
      if (digitAt(s, end) >= 0 || smallUnitAt(s, end) > 0) return null;
      return { end, text: `${pair[0] * p}~${pair[1] * p}${big}` };
    }
    return null;
  }
  // 十五六, 四十五六万, 六十三四万
  let p = i;
  let tens = -1;
  if (s[p] === '十') {
    tens = 1;
    p += 1;
  } else if (digitAt(s, p) > 0 && s[p + 1] === '十') {
    tens = digitAt(s, p);
    p += 2;
  }
  if (tens > 0) {
    const pr = rangePair(s, p, false);
    if (pr && (smallUnitAt(s, p + 2) === 0 || unitsSymbol.match(s, p + 2)) && digitAt(s, p + 2) < 0) {
      const big = bigUnitAt(s, p + 2) > 0 ? s[p + 2] : '';
      return { end: p + 2 + (big ? 1 : 0), text: `${tens * 10 + pr[0]}-${pr[1]}${big}` };
    }
    return null;
  }
  // 七百三四十, 三百七八
  const h = digitAt(s, i);
  if (h > 0 && s[i + 1] === '百') {
    const pr = rangePair(s, i + 2);
    if (pr) {
      const hasTen = s[i + 4] === '十';
      const end = i + 4 + (hasTen ? 1 : 0);
      if (digitAt(s, end) >= 0 || (smallUnitAt(s, end) > 0 && !hasTen)) return null;
      return { end, text: `${h * 100 + pr[0] * 10}-${pr[1] * 10}` };
    }
    return null;
  }
  // 三万四五, 一万六七
  if (h > 0 && (s[i + 1] === '万' || s[i + 1] === '萬')) {
    const pr = rangePair(s, i + 2);
    if (pr && digitAt(s, i + 4) < 0 && smallUnitAt(s, i + 4) === 0 && bigUnitAt(s, i + 4) === 0) {
      return { end: i + 4, text: `${h * 10000 + pr[0] * 1000}-${pr[1] * 1000}` };
    }
  }
  return null;
}
