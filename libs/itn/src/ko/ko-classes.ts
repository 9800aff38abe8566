import { digitAt, parseDigitString, parseNative, parseSino } from './ko-numbers';
import { endsWord } from './ko-text';
import { CURRENCIES, matchCounter, matchCurrency, matchPerUnit, matchUnit, PER_UNITS, UNITS } from './ko-units';

/**
 * Korean semiotic classes (NeMo ko conventions). Each parser reads forward from a position in the line
 * and returns where it stopped and what to write; `strong` marks spans closed by an explicit marker
 * (unit, counter, 년/월/일, 시, 번째…), which may be followed by any particle.
 */
export interface KoMatch {
  end: number;
  text: string;
  strong: boolean;
}

const BIG_PLACE = new Set(['만', '억', '조', '경']);

/** Skips at most one plain space (NeMo accepts an optional space between parts). */
function sp(s: string, p: number): number {
  return s[p] === ' ' ? p + 1 : p;
}

function parseSign(s: string, p: number, allowBelowZero: boolean): { sign: string; end: number } {
  if (s.startsWith('마이너스', p)) return { sign: '-', end: sp(s, p + 4) };
  if (allowBelowZero && s.startsWith('영하', p)) return { sign: '-', end: sp(s, p + 2) };
  if (s[p] === '-') return { sign: '-', end: sp(s, p + 1) };
  return { sign: '', end: p };
}

/** Cardinal or decimal ("십이 점 일구오", "일점오억"). */
export function parseNumber(s: string, p: number): { text: string; end: number; length: number } | null {
  const int = parseSino(s, p);
  if (!int) return null;
  const afterInt = sp(s, int.end);
  if (s[afterInt] === '점') {
    const frac = parseDigitString(s, sp(s, afterInt + 1));
    if (frac) {
      let text = `${int.digits}.${frac.digits}`;
      let end = frac.end;
      if (BIG_PLACE.has(s[end])) {
        text += s[end];
        end++;
      }
      return { text, end, length: end - p };
    }
  }
  return { text: int.digits, end: int.end, length: int.length };
}

/** Number or √number, for fractions. */
function parseRootable(s: string, p: number): { text: string; end: number } | null {
  let k = p;
  let root = '';
  if (s.startsWith('루트', k)) {
    root = '√';
    k += 2;
  }
  const n = parseSino(s, k);
  return n ? { text: root + n.digits, end: n.end } : null;
}

/** "삼과사분의일" → "3 1/4", "구분의루트십육" → "√16/9". */
export function fraction(s: string, p: number): KoMatch | null {
  const { sign, end: k0 } = parseSign(s, p, false);
  let k = k0;
  let whole = '';
  const w = parseSino(s, k);
  if (w && (s[w.end] === '과' || s[w.end] === '와')) {
    whole = w.digits;
    k = sp(s, w.end + 1);
  }
  const den = parseRootable(s, k);
  if (!den || !s.startsWith('분의', sp(s, den.end))) return null;
  const num = parseRootable(s, sp(s, sp(s, den.end) + 2));
  if (!num) return null;
  const text = `${sign}${whole ? whole + ' ' : ''}${num.text}/${den.text}`;
  return { end: num.end, text, strong: false };
}

/**
 * A one-syllable unit, currency or counter (도, 원, 개) is also the first syllable of many words
 * ("이 도시"): it must end its word, allowing particles. Longer unit words stand on their own.
 */
function closesShortWord(s: string, word: string, end: number): boolean {
  return word.length > 1 || endsWord(s, end);
}

/** Numbers with a unit: "십 미터퍼초" → "10 m/s", "영하 십 도" → "-10 °", "오십 프로" → "50 %". */
export function measure(s: string, p: number): KoMatch | null {
  const { sign, end: k0 } = parseSign(s, p, true);
  // A fraction of a unit ("삼분의일 킬로그램" → "1/3 kg") or a cardinal/decimal.
  const f = fraction(s, k0);
  const n = f ? { text: f.text, end: f.end } : parseNumber(s, k0);
  if (!n) return null;
  const u0 = sp(s, n.end);
  const unit = matchUnit(s, u0);
  if (!unit || !closesShortWord(s, unit, u0 + unit.length)) return null;
  let text = `${sign}${n.text} ${UNITS[unit]}`;
  let end = u0 + unit.length;
  if (s[end] === '퍼' || s[end] === '당') {
    const per = matchPerUnit(s, end + 1);
    if (per) {
      text += '/' + PER_UNITS[per];
      end += 1 + per.length;
    }
  }
  return { end, text, strong: true };
}

/** "삼백오십만 원" → "₩3500000". */
export function money(s: string, p: number): KoMatch | null {
  const n = parseNumber(s, p);
  if (!n) return null;
  const c0 = sp(s, n.end);
  const cur = matchCurrency(s, c0);
  if (!cur || !closesShortWord(s, cur, c0 + cur.length)) return null;
  return { end: c0 + cur.length, text: CURRENCIES[cur] + n.text, strong: true };
}

const MONTH_IRREGULAR: Readonly<Record<string, number>> = { 유: 6, 시: 10 };

/** Month 1-12 before 월 (유월, 시월 are the spoken 6 and 10). */
function parseMonth(s: string, p: number): { value: number; end: number } | null {
  const irregular = MONTH_IRREGULAR[s[p]];
  if (irregular && s[p + 1] === '월') return { value: irregular, end: p + 2 };
  const n = parseSino(s, p);
  if (!n || s[n.end] !== '월') return null;
  const v = Number(n.digits);
  if (v < 1 || v > 12 || v === 6 || v === 10) return null;
  return { value: v, end: n.end + 1 };
}

/** Day 1-31 before 일; the marker is also the digit 1, so "이십일" is the 20th, not a bare 21. */
function parseDay(s: string, p: number): { value: number; end: number } | null {
  const d = parseSino(s, p);
  if (!d) return null;
  let digits = d.digits;
  let end = d.end;
  if (s[end] !== '일') {
    if (s[end - 1] !== '일' || end - 1 === p) return null;
    const shorter = parseSino(s.slice(p, end - 1), 0);
    if (!shorter || shorter.end !== end - 1 - p) return null;
    digits = shorter.digits;
    end = end - 1;
  }
  const v = Number(digits);
  return v >= 1 && v <= 31 ? { value: v, end: end + 1 } : null;
}

/** "이천구년 일월이십일일" → "2009년1월21일"; any of year, month, day (day only after a month). */
export function date(s: string, p: number): KoMatch | null {
  let k = p;
  let text = '';
  const y = parseSino(s, k);
  if (y && s[y.end] === '년') {
    text += `${y.digits}년`;
    k = y.end + 1;
  }
  const m = parseMonth(s, text ? sp(s, k) : k);
  if (m) {
    text += `${m.value}월`;
    k = m.end;
    const d = parseDay(s, sp(s, k));
    if (d) {
      text += `${d.value}일`;
      k = d.end;
    }
  }
  return text ? { end: k, text, strong: true } : null;
}

/** Sino 0-59 before 분/초. */
function parseSixty(s: string, p: number, marker: string): { value: number; end: number } | null {
  const n = parseSino(s, p);
  if (!n || s[n.end] !== marker) return null;
  const v = Number(n.digits);
  return v <= 59 ? { value: v, end: n.end + 1 } : null;
}

const DAY_PERIODS = ['오전', '오후', '새벽', '아침', '저녁', '밤', '낮'];

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** "오후 네시 삼십분" → "오후 4:30", "두시십분후" → "2:10 후", "열두시 반" → "12:30". */
export function time(s: string, p: number): KoMatch | null {
  let k = p;
  let prefix = '';
  for (const period of DAY_PERIODS) {
    if (s.startsWith(period, k)) {
      prefix = period + ' ';
      k = sp(s, k + period.length);
      break;
    }
  }
  const h = parseNative(s, k);
  if (!h || h.value < 1 || h.value > 24 || s[h.end] !== '시' || s.startsWith('시간', h.end)) {
    return prefix ? null : duration(s, p);
  }
  k = h.end + 1;
  let minutes = 0;
  let seconds = -1;
  const afterHour = sp(s, k);
  if (s[afterHour] === '반') {
    minutes = 30;
    k = afterHour + 1;
  } else {
    const m = parseSixty(s, afterHour, '분');
    if (m) {
      minutes = m.value;
      k = m.end;
    }
  }
  const sec = parseSixty(s, sp(s, k), '초');
  if (sec) {
    seconds = sec.value;
    k = sec.end;
  }
  let text = `${prefix}${h.value}:${pad2(minutes)}${seconds >= 0 ? ':' + pad2(seconds) : ''}`;
  const after = sp(s, k);
  if (s[after] === '전' || s[after] === '후') {
    text += ' ' + s[after];
    k = after + 1;
  }
  return { end: k, text, strong: true };
}

/**
 * Minutes and seconds without an hour ("삼십분 후", "십오초"): written "30분 후", keeping the units (NeMo
 * writes a bare "30"; the unit carries the meaning in real text). A one-syllable number needs 전/후
 * after it, since "이분" is also "this person".
 */
function duration(s: string, p: number): KoMatch | null {
  const m = parseSixty(s, p, '분');
  let k = m ? m.end : p;
  const sec = parseSixty(s, m ? sp(s, k) : p, '초');
  if (!m && !sec) return null;
  let text = m ? `${m.value}분` : '';
  if (sec) {
    text += `${m ? ' ' : ''}${sec.value}초`;
    k = sec.end;
  }
  const after = sp(s, k);
  const suffix = s[after] === '전' || s[after] === '후' ? s[after] : '';
  const syllables = (m ? m.end : sec!.end) - p - 1;
  if (!suffix && syllables < 2) return null;
  if (suffix) {
    text += ' ' + suffix;
    k = after + 1;
  }
  return { end: k, text, strong: true };
}

/** Native 1-39 (첫 for 1) or Sino 40+ before 번째, as NeMo does: "스무번째" → "20번째", "사십오번째" → "45번째". */
export function ordinal(s: string, p: number): KoMatch | null {
  const native = parseNative(s, p, true);
  if (native && native.value < 40) {
    const m = withMarker(s, native.end, String(native.value), '번째');
    if (m) return m;
  }
  const sino = parseSino(s, p);
  if (sino && (Number(sino.digits) >= 40 || sino.digits === '0')) return withMarker(s, sino.end, sino.digits, '번째');
  return null;
}

/** Number then marker, keeping an optional space as spoken ("두 번째" → "2 번째"). */
function withMarker(s: string, end: number, value: string, marker: string): KoMatch | null {
  const m0 = sp(s, end);
  if (!s.startsWith(marker, m0)) return null;
  return { end: m0 + marker.length, text: value + s.slice(end, m0) + marker, strong: true };
}

/** Native numbers with a counter: "두 개" → "2 개", "스무살" → "20살". */
export function counter(s: string, p: number): KoMatch | null {
  const candidates: { value: string; end: number }[] = [];
  const native = parseNative(s, p);
  if (native) candidates.push({ value: String(native.value), end: native.end });
  const sino = parseSino(s, p);
  if (sino && Number(sino.digits) >= 40) candidates.push({ value: sino.digits, end: sino.end });
  for (const c of candidates) {
    const c0 = sp(s, c.end);
    const word = matchCounter(s, c0);
    if (word && closesShortWord(s, word, c0 + word.length)) return { end: c0 + word.length, text: `${c.value}${s.slice(c.end, c0)}${word}`, strong: true };
  }
  return null;
}

/** Phone numbers: "공일공 일이삼사 오육칠팔" → "010-1234-5678" (groups split by a space or 에). */
export function telephone(s: string, p: number): KoMatch | null {
  // Every phone number opens with 0 (영/공) and a group of at least two digits: cheap rejection first.
  if (digitAt(s, p) !== 0 || digitAt(s, p + 1) < 0) return null;
  const groups: string[] = [];
  let k = p;
  let end = p;
  while (groups.length < 3) {
    const g = parseDigitString(s, k, 12);
    if (!g) break;
    groups.push(g.digits);
    end = g.end;
    k = g.end;
    if (s[k] === '에') k++;
    if (s[k] === ' ') k++;
    if (k === g.end) break;
  }
  const total = groups.join('');
  const lens = groups.map((g) => g.length);
  if (groups.length === 3 && lens[0] >= 2 && lens[0] <= 3 && lens[1] >= 3 && lens[1] <= 4 && lens[2] === 4) {
    if (!total.startsWith('0')) return null;
    return { end, text: groups.join('-'), strong: true };
  }
  if (groups.length >= 1 && total.startsWith('0') && (lens[0] === 10 || lens[0] === 11)) {
    const d = groups[0];
    const first = d.startsWith('02') ? 2 : 3;
    const mid = d.length - first - 4;
    return { end: p + d.length, text: `${d.slice(0, first)}-${d.slice(first, first + mid)}-${d.slice(first + mid)}`, strong: true };
  }
  return null;
}

/** Bare cardinals and decimals, with an optional sign: "마이너스 칠백삼십오" → "-735". */
export function cardinal(s: string, p: number): (KoMatch & { signed: boolean; syllables: number }) | null {
  const { sign, end: k0 } = parseSign(s, p, false);
  const n = parseNumber(s, k0);
  if (n) return { end: n.end, text: sign + n.text, strong: false, signed: sign !== '', syllables: n.length };
  return null;
}

/** Digits read one by one with no place words ("영영영" → "0 0 0"), three or more. */
export function digitRun(s: string, p: number): KoMatch | null {
  let k = p;
  const out: string[] = [];
  while (k - p < 64 && digitAt(s, k) >= 0) {
    out.push(String(digitAt(s, k)));
    k++;
  }
  // Two digits in a row are usually a word (이사, 오이); two zeros are not.
  const zeros = out.every((d) => d === '0');
  return out.length >= 3 || (zeros && out.length === 2) ? { end: k, text: out.join(' '), strong: false } : null;
}
