import { Grammar, ItnOptions, Replacement } from '../core/grammar';
import {
  NumberDialect,
  ParsedNumber,
  bigUnitAt,
  digitAt,
  fullValue,
  groupThousands,
  isNumeralChar,
  isZeroAt,
  parseNumber,
  readDecimalDigits,
  readDigitString,
  renderWetext,
  smallUnitAt,
} from '../shared/cjk-number';
import { readDottedDigits } from '../shared/dotted-digits';
import { isBoundaryAt } from '../shared/boundary';
import { LexiconTrie } from '../shared/lexicon-trie';
import {
  JA_COUNTERS,
  JA_CURRENCY,
  JA_MATH_OPERATORS,
  JA_PER,
  JA_UNITS_SYMBOL,
  JA_WEEKDAYS,
  JA_WHITELIST,
} from './ja-lexicon';
import { jaConventions } from './ja-conventions';

const JA_DIALECT: NumberDialect = { abbreviate: false, bareUnits: true };
const LOOKAHEAD = 128;

const unitsSymbol = new LexiconTrie(JA_UNITS_SYMBOL);
const perUnits = new LexiconTrie(JA_PER);
const currency = new LexiconTrie(JA_CURRENCY);
const counters = new LexiconTrie(JA_COUNTERS.map((w) => [w, w] as const));
const whitelist = new LexiconTrie(JA_WHITELIST.map((w) => [w, w] as const));
const mathOps = new LexiconTrie(JA_MATH_OPERATORS);
const weekdays = new LexiconTrie(JA_WEEKDAYS);

const TRIGGERS = new Set<string>(['マ', 'プ', '第', ...JA_WHITELIST.map((w) => w[0])]);

interface JaTerm {
  start: number;
  end: number;
  sign: string;
  kind: 'int' | 'decimal' | 'digits';
  num?: ParsedNumber;
  digits: string;
}

interface JaMatch {
  end: number;
  reps: Replacement[];
}

type Role = 'cardinal' | 'ordinal' | 'fraction' | 'measure';

function readSign(s: string, i: number): { sign: string; end: number } {
  if (s.startsWith('マイナス', i)) return { sign: '-', end: i + 4 };
  if (s.startsWith('プラス', i)) return { sign: '+', end: i + 3 };
  return { sign: '', end: i };
}

function readTerm(s: string, i: number, limit: number, allowSign = true): JaTerm | null {
  const sg = allowSign ? readSign(s, i) : { sign: '', end: i };
  const p = sg.end;
  if (p >= limit) return null;
  const run = readDigitString(s, p, limit);
  // 〇八秒: a leading zero means the digits are read one by one.
  const leadingZero = isZeroAt(s, p) && run.end - p >= 2;
  if (
    (run.end - p >= 3 || leadingZero) &&
    smallUnitAt(s, run.end) === 0 &&
    bigUnitAt(s, run.end) === 0 &&
    s[run.end] !== '点'
  ) {
    return { start: i, end: run.end, sign: sg.sign, kind: 'digits', digits: run.digits };
  }
  let num: ParsedNumber | null;
  if (isZeroAt(s, p) && digitAt(s, p + 1) < 0) {
    // 零時, 零点五: a lone zero.
    num = {
      start: p,
      end: p + 1,
      groups: [{ mult: 0, exp: 0, unitChar: '' }],
      singleDigit: true,
      unitless: true,
    };
  } else {
    num = parseNumber(s, p, JA_DIALECT, limit);
  }
  if (!num) return null;
  if (s[num.end] === '点' && digitAt(s, num.end + 1) >= 0) {
    const frac = readDecimalDigits(s, num.end + 1, limit);
    return { start: i, end: frac.end, sign: sg.sign, kind: 'decimal', num, digits: frac.digits };
  }
  return { start: i, end: num.end, sign: sg.sign, kind: 'int', num, digits: '' };
}

/**
 * WeTextProcessing keeps 万/億/兆 (2000億1000万); NeMo writes every digit with group commas (500,000,000,000)
 * except in ordinals.
 */
function render(t: JaTerm, role: Role, opts: ItnOptions): string {
  if (t.kind === 'digits') return t.sign + t.digits;
  const num = t.num as ParsedNumber;
  const nemo = jaConventions(opts).numbers === 'nemo';
  if (t.kind === 'decimal') return t.sign + fullValue(num.groups) + '.' + t.digits;
  if (!nemo) return t.sign + renderWetext(num.groups, true);
  const full = fullValue(num.groups);
  return t.sign + (role === 'cardinal' || role === 'measure' ? groupThousands(full) : full);
}

function rep(start: number, end: number, text: string): Replacement {
  return { start, end, text };
}

const TRIGGER_CODES = new Uint8Array(65536);
for (const c of TRIGGERS) TRIGGER_CODES[c.charCodeAt(0)] = 1;
for (let k = 0; k < 65536; k++) if (isNumeralChar(String.fromCharCode(k))) TRIGGER_CODES[k] = 1;

export class JaGrammar implements Grammar {
  readonly lang = 'ja' as const;

  find(input: string, opts: ItnOptions): Replacement[] {
    const out: Replacement[] = [];
    let i = 0;
    const n = input.length;
    while (i < n) {
      if (TRIGGER_CODES[input.charCodeAt(i)] === 0) {
        i++;
        continue;
      }
      const m = matchAt(input, i, opts);
      if (!m) {
        i++;
        continue;
      }
      for (const r of m.reps) out.push(r);
      i = Math.max(m.end, i + 1);
    }
    return out;
  }
}

export const jaGrammar = new JaGrammar();

function matchAt(s: string, i: number, opts: ItnOptions): JaMatch | null {
  const limit = Math.min(s.length, i + LOOKAHEAD);
  const keep = whitelist.match(s, i);
  if (keep) return { end: keep.end, reps: [] };
  return (
    matchDotted(s, i, limit) ??
    matchClock(s, i, limit, opts) ??
    matchOrdinal(s, i, limit, opts) ??
    matchNumeric(s, i, limit, opts)
  );
}

/** 一九二点一六八点零点一 → 192.168.0.1 (three or more dots: an address, not a decimal). */
function matchDotted(s: string, i: number, limit: number): JaMatch | null {
  const d = readDottedDigits(s, i, limit, '点');
  return d ? { end: d.end, reps: [rep(i, d.end, d.text)] } : null;
}

/** 一時三十分三秒 → 1時30分3秒: a clock time converts every part, whatever the flags say about lone digits. */
function matchClock(s: string, i: number, limit: number, opts: ItnOptions): JaMatch | null {
  const h = readTerm(s, i, limit, false);
  if (!h || h.kind !== 'int' || s[h.end] !== '時' || s[h.end + 1] === '間') return null;
  const m = readTerm(s, h.end + 1, limit, false);
  if (!m || m.kind === 'decimal' || s[m.end] !== '分') return null;
  const reps = [rep(i, h.end, render(h, 'ordinal', opts)), rep(h.end + 1, m.end, render(m, 'ordinal', opts))];
  let end = m.end + 1;
  const sec = readTerm(s, end, limit, false);
  if (sec && sec.kind !== 'decimal' && s[sec.end] === '秒') {
    reps.push(rep(end, sec.end, render(sec, 'ordinal', opts)));
    end = sec.end + 1;
  }
  return { end, reps };
}

function matchOrdinal(s: string, i: number, limit: number, opts: ItnOptions): JaMatch | null {
  if (s[i] !== '第') return null;
  const t = readTerm(s, i + 1, limit, false);
  if (!t || t.kind !== 'int') return null;
  if (t.num?.singleDigit && !opts.enable0To9) return null;
  return { end: t.end, reps: [rep(i + 1, t.end, render(t, 'ordinal', opts))] };
}

function matchNumeric(s: string, i: number, limit: number, opts: ItnOptions): JaMatch | null {
  const first = readTerm(s, i, limit);
  if (!first) return null;
  const conv = jaConventions(opts);
  const nemo = conv.numbers === 'nemo';
  // Fractions: 三分の一 → 1/3, 一と四分の三 → 1 3/4, 二ルート六分の三 → 3/2√6.
  const frac = readFraction(s, i, first, limit, opts);
  if (frac) return frac;
  if (s[first.end] === 'と' && first.kind === 'int') {
    const f2 = readTerm(s, first.end + 1, limit, false);
    const mixed = f2 ? readFraction(s, first.end + 1, f2, limit, opts) : null;
    if (mixed) {
      return {
        end: mixed.end,
        reps: [rep(i, mixed.end, render(first, 'fraction', opts) + ' ' + mixed.reps[0].text)],
      };
    }
  }
  // Ranges (五から九日) and arithmetic (一マイナス二プラス三十) chain terms.
  const parts: string[] = [render(first, 'cardinal', opts)];
  let end = first.end;
  let chained = false;
  let isRange = false;
  for (let guard = 0; guard < 16 && end < limit; guard++) {
    let op = '';
    let next = end;
    if (s.startsWith('から', end)) {
      op = conv.rangeMark === 'nemo' || dateRangeContext(s, i) ? '〜' : '~';
      next = end + 2;
    } else {
      const m = mathOps.match(s, end);
      if (!m) break;
      op = m.value;
      next = m.end;
    }
    const t = readTerm(s, next, limit, false);
    if (!t || t.kind === 'digits') break;
    if (op === '~' || op === '〜') isRange = true;
    parts.push(op + render(t, 'cardinal', opts));
    end = t.end;
    chained = true;
  }
  if (isRange && conv.rangeMark === 'dates' && namesDateUnit(s, end)) {
    for (let k = 1; k < parts.length; k++) if (parts[k][0] === '~') parts[k] = '〜' + parts[k].slice(1);
  }
  const singleDigit = !chained && first.kind === 'int' && !!first.num?.singleDigit && !first.sign;
  const cur = currency.match(s, end);
  if (cur && first.kind !== 'digits') {
    if (singleDigit && !opts.enable0To9) return null;
    return { end: cur.end, reps: [rep(i, cur.end, cur.value + parts.join(''))] };
  }
  const sym = unitsSymbol.match(s, end);
  if (sym && first.kind !== 'digits') {
    if (singleDigit && !opts.enable0To9) return { end, reps: [] };
    let text = sym.value;
    let stop = sym.end;
    const per = perUnits.match(s, stop);
    if (per) {
      text += '/' + per.value;
      stop = per.end;
    }
    return { end: stop, reps: [rep(i, end, parts.join('')), rep(sym.end === stop ? end : end, stop, text)] };
  }
  const counter = counters.match(s, end);
  if (counter && first.kind !== 'digits') {
    if (singleDigit && !opts.enable0To9) return { end, reps: [] };
    // NeMo groups digits in amounts, not in years or ranks (1999年, 10001番目).
    const plain = nemo && (counter.word === '番目' || counter.word === '年') && !chained;
    const reps = [rep(i, end, plain ? render(first, 'ordinal', opts) : parts.join(''))];
    // NeMo: 3月1日水曜日 → 3月1日(水).
    if (conv.weekdayInParens !== 'wetext' && counter.word === '日') {
      let wd = weekdays.match(s, counter.end);
      if (wd && conv.weekdayInParens === 'unlessRange' && s.startsWith('から', wd.end)) wd = undefined;
      if (wd) reps.push(rep(counter.end, wd.end, `(${wd.value})`));
      return { end: wd ? wd.end : counter.end, reps };
    }
    return { end: counter.end, reps };
  }
  if (first.kind === 'digits' || first.kind === 'decimal' || chained || isRange) {
    if (!opts.enableStandaloneNumber && !chained && first.kind !== 'digits' && first.sign)
      return { end, reps: [] };
    return { end, reps: [rep(i, end, parts.join(''))] };
  }
  if (!opts.enableStandaloneNumber) return { end, reps: [] };
  if (singleDigit && !opts.enable0To9) return { end, reps: [] };
  // A lone digit inside a word (三国, 八百屋) stays; it converts before a counter (above) or at a boundary.
  if (singleDigit && !isBoundaryAt(s, end)) return { end, reps: [] };
  // A lone 兆/万 is a word, not a number (WeTextProcessing keeps 兆).
  if (
    first.num &&
    first.num.groups.length === 1 &&
    first.num.groups[0].exp > 0 &&
    first.num.groups[0].mult === 0
  ) {
    return { end, reps: [] };
  }
  return { end, reps: [rep(i, end, parts.join(''))] };
}

/** 3から4月, 5から9日, 70から80年代 name months, days or decades (7から8年 is a span of years). */
function namesDateUnit(s: string, end: number): boolean {
  return s[end] === '月' || s[end] === '日' || s.startsWith('年代', end);
}

/** 七月五から九日: inside a full date the range mark is the wave dash. */
function dateRangeContext(s: string, i: number): boolean {
  return s[i - 1] === '月';
}

function readFraction(s: string, i: number, den: JaTerm, limit: number, opts: ItnOptions): JaMatch | null {
  let denText = render({ ...den, sign: '' }, 'fraction', opts);
  let p = den.end;
  if (s.startsWith('ルート', p)) {
    const root = readTerm(s, p + 3, limit, false);
    if (!root || root.kind !== 'int') return null;
    denText += '√' + render(root, 'fraction', opts);
    p = root.end;
  }
  if (!s.startsWith('分の', p)) return null;
  const numer = readTerm(s, p + 2, limit, false);
  if (!numer || numer.kind === 'digits') return null;
  return {
    end: numer.end,
    reps: [rep(i, numer.end, `${den.sign}${render(numer, 'fraction', opts)}/${denText}`)],
  };
}
