import { Grammar, ItnOptions, Replacement } from '../core/grammar';
import {
  bigUnitAt,
  digitAt,
  fullValue,
  isNumeralAt,
  isNumeralChar,
  isZeroAt,
  parseNumber,
  phoneDigitAt,
  phoneDigitOf,
  readDigitString,
  smallUnitAt,
} from '../shared/cjk-number';
import { readDottedDigits } from '../shared/dotted-digits';
import { isBoundaryAt } from '../shared/boundary';
import { LexiconTrie } from '../shared/lexicon-trie';
import {
  APPROX_CHARS,
  COUNT_AFTER_ROUND,
  LICENSE_PROVINCES,
  MATH_OPERATORS,
  NOON_WORDS,
  TRAIN_PREFIX,
  WHITELIST_KEEP,
  WHITELIST_NEMO,
} from './zh-lexicon';
import { isDot, readSign, readTerm, renderTerm, Role, smallValue, Term, ZH_DIALECT } from './zh-terms';
import { matchApproxRange } from './zh-range';
import { zhConventions } from './zh-conventions';
import { perUnits, readCurrency, readUnit, unitsSymbol } from './zh-units';

/** One match anchored at a position: where it ends and what it writes (possibly nothing: a protected word). */
export interface ZhMatch {
  end: number;
  reps: Replacement[];
  /** A plain number: two in a row are written with a space between them (八百一千 → 800 1000). */
  numeric?: boolean;
}

/** No single match spans more than this; keeps the scan linear on pathological input. */
export const ZH_LOOKAHEAD = 128;

const whitelistKeep = new LexiconTrie(WHITELIST_KEEP.map((w) => [w, w] as const));
const whitelistNemo = new LexiconTrie(WHITELIST_NEMO);
const noonWords = new LexiconTrie(NOON_WORDS);
const mathOps = new LexiconTrie(MATH_OPERATORS);
const countAfterRound = new LexiconTrie(COUNT_AFTER_ROUND.map((w) => [w, w] as const));

const TRIGGERS = new Set<string>([
  ...'负負正第百公纪呃每零〇幺洞拐',
  ...LICENSE_PROVINCES,
  ...Object.keys(TRAIN_PREFIX),
  ...WHITELIST_KEEP.map((w) => w[0]),
  ...WHITELIST_NEMO.map(([w]) => w[0]),
  ...NOON_WORDS.map(([w]) => w[0]),
]);

const TRIGGER_CODES = new Uint8Array(65536);
for (const c of TRIGGERS) TRIGGER_CODES[c.charCodeAt(0)] = 1;
for (let k = 0; k < 65536; k++) if (isNumeralChar(String.fromCharCode(k))) TRIGGER_CODES[k] = 1;

export class ZhGrammar implements Grammar {
  readonly lang = 'zh' as const;

  find(input: string, opts: ItnOptions): Replacement[] {
    const out: Replacement[] = [];
    let lastNumericEnd = -1;
    let lastNumericStart = -1;
    let lastNumericOut = -1;
    let lastInRun = false;
    const conv = zhConventions(opts);
    // Runs of numbers said back to back (八百一千 → 800 1000): only WeTextProcessing has such rows.
    const runOpts: ItnOptions | null =
      conv.numberRuns !== conv.cardinal ? { ...opts, style: conv.numberRuns } : null;
    let i = 0;
    const n = input.length;
    while (i < n) {
      // Most characters cannot start anything: test the code unit without making a string of it.
      if (TRIGGER_CODES[input.charCodeAt(i)] === 0) {
        i++;
        continue;
      }
      let m = matchAt(input, i, opts);
      if (!m) {
        i++;
        continue;
      }
      const inRun = !!m.numeric && lastNumericEnd === i && m.reps.length > 0 && out.length > 0;
      if (inRun && runOpts) {
        const w = matchAt(input, i, runOpts);
        if (w && w.numeric && w.end === m.end && w.reps.length > 0) m = w;
        const p = lastInRun ? null : matchAt(input, lastNumericStart, runOpts);
        if (p && p.numeric && p.end === i && p.reps.length === out.length - lastNumericOut) {
          out.splice(lastNumericOut, p.reps.length, ...p.reps);
        }
      }
      if (inRun) m.reps[0] = { ...m.reps[0], text: ' ' + m.reps[0].text };
      lastNumericOut = out.length;
      for (const r of m.reps) out.push(r);
      lastNumericEnd = m.numeric && m.reps.length > 0 ? m.end : -1;
      lastNumericStart = i;
      lastInRun = inRun;
      i = Math.max(m.end, i + 1);
    }
    return out;
  }
}

export const zhGrammar = new ZhGrammar();

function matchAt(s: string, i: number, opts: ItnOptions): ZhMatch | null {
  const limit = Math.min(s.length, i + ZH_LOOKAHEAD);
  return (
    matchInterjection(s, i, opts) ??
    matchWhitelist(s, i, opts) ??
    matchLicensePlate(s, i, limit) ??
    matchTrainNumber(s, i, limit) ??
    matchDotted(s, i, limit) ??
    matchDate(s, i, limit, opts) ??
    matchTime(s, i, limit, opts) ??
    matchPercent(s, i, limit, opts) ??
    matchOrdinal(s, i, limit, opts) ??
    matchPer(s, i, limit, opts) ??
    matchApproxRange(s, i, limit, opts) ??
    matchNumeric(s, i, limit, opts)
  );
}

function rep(start: number, end: number, text: string): Replacement {
  return { start, end, text };
}

function matchInterjection(s: string, i: number, opts: ItnOptions): ZhMatch | null {
  if (opts.removeInterjections === false || (s[i] !== '呃' && s[i] !== '啊')) return null;
  let end = i;
  let hasEr = false;
  while (end < s.length && (s[end] === '呃' || s[end] === '啊')) {
    if (s[end] === '呃') hasEr = true;
    end++;
  }
  // A lone 啊 is often meaningful (好啊); only runs with the filler 呃 go.
  return hasEr ? { end, reps: [rep(i, end, '')] } : null;
}

function matchWhitelist(s: string, i: number, opts: ItnOptions): ZhMatch | null {
  if (zhConventions(opts).acronyms) {
    const m = whitelistNemo.match(s, i);
    if (m) return { end: m.end, reps: [rep(i, m.end, m.value)] };
  }
  const keep = whitelistKeep.match(s, i);
  // 一点都不 stays, but 一点五 / 一点半 are numbers: a protected word never swallows a following numeral.
  if (!keep) return null;
  // Only a word that could run on into a number (一点 → 一点五) yields to a following numeral.
  const last = keep.word[keep.word.length - 1];
  const runsOn = isNumeralAt(keep.word, keep.word.length - 1) || isDot(last);
  if (runsOn && (isNumeralAt(s, keep.end) || '半刻分'.includes(s[keep.end] ?? '\u0000'))) return null;
  return { end: keep.end, reps: [] };
}

function isAsciiAlnum(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9]/.test(c);
}

function matchLicensePlate(s: string, i: number, limit: number): ZhMatch | null {
  if (!LICENSE_PROVINCES.includes(s[i]) || !/[A-Za-z]/.test(s[i + 1] ?? '')) return null;
  let end = i + 2;
  let text = s[i] + s[i + 1];
  let converted = false;
  while (end < limit && end - i - 2 < 6) {
    const c = s[end];
    const d = phoneDigitOf(c);
    if (isAsciiAlnum(c)) text += c;
    else if (d >= 0) {
      text += String(d);
      converted = true;
    } else break;
    end++;
  }
  const len = end - i - 2;
  if ((len !== 5 && len !== 6) || !converted || isAsciiAlnum(s[end]) || phoneDigitAt(s, end) >= 0)
    return null;
  return { end, reps: [rep(i, end, text)] };
}

/** 一九二点一六八点零点一 → 192.168.0.1 (three or more groups: an address, not a decimal or a time). */
function matchDotted(s: string, i: number, limit: number): ZhMatch | null {
  const d = readDottedDigits(s, i, limit, '点');
  return d ? { end: d.end, reps: [rep(i, d.end, d.text)] } : null;
}

function matchTrainNumber(s: string, i: number, limit: number): ZhMatch | null {
  const prefix = TRAIN_PREFIX[s[i]];
  if (!prefix) return null;
  const run = readDigitString(s, i + 1, limit);
  const len = run.end - i - 1;
  if (len < 2 || len > 4 || isNumeralAt(s, run.end) || isDot(s[run.end])) return null;
  return { end: run.end, reps: [rep(i, run.end, prefix + run.digits)] };
}

const pad2 = (v: number) => (v < 10 ? '0' + v : String(v));

function readYear(s: string, i: number, limit: number): { end: number; digits: string } | null {
  const run = readDigitString(s, i, limit);
  const len = run.end - i;
  if (len < 2 || len > 4 || s[run.end] !== '年' || digitAt(s, i) < 0) return null;
  for (let k = i; k < run.end; k++) if (digitAt(s, k) < 0 && s[k] !== '〇') return null;
  return { end: run.end + 1, digits: run.digits };
}

function readMonthDay(
  s: string,
  i: number,
  limit: number,
  suffixes: string,
): { end: number; value: number; suffix: string } | null {
  const t = readTerm(s, i, limit, false);
  const v = smallValue(t);
  if (!t || v < 1) return null;
  const suffix = s[t.end];
  if (!suffixes.includes(suffix ?? '\u0000')) return null;
  return { end: t.end + 1, value: v, suffix };
}

function matchDate(s: string, i: number, limit: number, opts: ItnOptions): ZhMatch | null {
  let p = i;
  let era = '';
  for (const [w, written] of [
    ['公元前', '公元前'],
    ['纪元前', '公元前'],
    ['公元', '公元'],
  ] as const) {
    if (s.startsWith(w, i)) {
      era = written;
      p = i + w.length;
      break;
    }
  }
  let year = readYear(s, p, limit);
  // 公元前五百年: after an era word a year may be said as a number.
  if (!year && era) {
    const t = readTerm(s, p, limit, false, opts);
    if (t && t.kind === 'int' && s[t.end] === '年')
      year = { end: t.end + 1, digits: fullValue(t.num?.groups ?? []) };
  }
  const monthStart = year ? year.end : p;
  let month = readMonthDay(s, monthStart, limit, '月');
  if (month && month.value > 12) month = null;
  let day = month ? readMonthDay(s, month.end, limit, '日号號') : null;
  if (day && day.value > 31) day = null;
  if (!year && !(month && day)) return null;
  const end = day ? day.end : month ? month.end : (year as { end: number }).end;
  if (zhConventions(opts).date === 'nemo') {
    let text = era;
    if (year) text += year.digits + '年';
    if (month) text += month.value + '月';
    if (day) text += day.value + day.suffix;
    return { end, reps: [rep(i, end, text)] };
  }
  if (year && month && day && day.suffix === '日') {
    return { end, reps: [rep(i, end, `${era}${year.digits}/${pad2(month.value)}/${pad2(day.value)}`)] };
  }
  if (year && month && day) {
    return { end, reps: [rep(i, end, `${era}${year.digits}年${pad2(month.value)}/${pad2(day.value)}`)] };
  }
  if (year && month) return { end, reps: [rep(i, end, `${era}${year.digits}/${pad2(month.value)}`)] };
  if (month && day) return { end, reps: [rep(i, end, `${pad2(month.value)}/${pad2(day.value)}`)] };
  // A year alone: only its digits change (二零零八年 → 2008年).
  const y = year as { end: number; digits: string };
  return { end: y.end, reps: [rep(i, y.end - 1, era + y.digits)] };
}

function matchTime(s: string, i: number, limit: number, opts: ItnOptions): ZhMatch | null {
  const conv = zhConventions(opts);
  const nemo = conv.clock === 'nemo';
  const noon = noonWords.match(s, i);
  const hStart = noon ? noon.end : i;
  const hour = readClockNumber(s, hStart, limit);
  const h = hour ? hour.value : -1;
  if (!hour || h < 0 || h > 24 || !isDot(s[hour.end])) return null;
  let p = hour.end + 1;
  let minute = -1;
  let hasFen = false;
  // 八点五分 (a minute below ten without 零) is a clock time only in NeMo: written NeMo's way (08:05) when converted.
  let paddedHour = nemo;
  if (s[p] === '半' && !nemo) {
    minute = 30;
    p++;
  } else if ((s[p] === '零' || s[p] === '〇') && digitAt(s, p + 1) > 0 && smallUnitAt(s, p + 2) === 0) {
    minute = digitAt(s, p + 1);
    p += 2;
    if (s[p] === '分') {
      hasFen = true;
      p++;
    } else if (!noon) return null; // 一点零二 is a decimal unless a time-of-day word says otherwise
  } else {
    const m = readClockNumber(s, p, limit);
    const v = m ? m.value : -1;
    if (!m || v < 0 || v > 59) return null;
    if (s[m.end] === '分' && s[m.end + 1] !== '之') {
      hasFen = true;
      p = m.end + 1;
    } else if (v >= 10 && !nemo && !isNumeralAt(s, m.end) && !isDot(s[m.end])) p = m.end;
    else return null;
    if (!hasFen && !nemo && v < 10) return null;
    minute = v;
    if (v < 10 && !noon) {
      if (conv.smallMinuteWithFen === 'wetext') return null; // 八点五分 stays a decimal in WeTextProcessing
      paddedHour = true;
    }
  }
  if (nemo && !hasFen) return null;
  let second = -1;
  const sec = readClockNumber(s, p, limit);
  const sv = sec ? sec.value : -1;
  if (sec && sv >= 0 && sv < 60 && s[sec.end] === '秒') {
    second = sv;
    p = sec.end + 1;
  }
  const hh = paddedHour || h === 0 ? pad2(h) : String(h);
  let text = `${hh}:${pad2(minute)}` + (second >= 0 ? `:${pad2(second)}` : '');
  if (noon && !nemo) text += noon.value;
  const start = noon && nemo ? hStart : i;
  return { end: p, reps: [rep(start, p, text)] };
}

/** An hour, minute or second: a plain number below 100 (零 allowed), never a decimal. */
function readClockNumber(s: string, i: number, limit: number): { end: number; value: number } | null {
  if (isZeroAt(s, i) && !(digitAt(s, i + 1) > 0)) return { end: i + 1, value: 0 };
  const num = parseNumber(s, i, ZH_DIALECT, Math.min(limit, i + 4));
  if (!num || num.groups.length !== 1 || num.groups[0].exp !== 0 || num.groups[0].mult >= 100) return null;
  if (num.end - i === 1 && phoneDigitAt(s, i) >= 0 && digitAt(s, i + 1) >= 0) return null;
  return { end: num.end, value: num.groups[0].mult };
}

function matchPercent(s: string, i: number, limit: number, opts: ItnOptions): ZhMatch | null {
  const sg = readSign(s, i);
  let p = sg.end;
  if (!s.startsWith('百分', p)) return null;
  p += 2;
  if (s[p] === '之') p++;
  const readValue = (at: number): { end: number; text: string } | null => {
    const t = readTerm(s, at, limit, false, opts);
    if (t && t.kind !== 'digits') return { end: t.end, text: renderTerm(t, 'measure', opts) };
    if (s[at] === '百') return { end: at + 1, text: '100' };
    return null;
  };
  const a = readValue(p);
  if (!a) return null;
  let end = a.end;
  let text = a.text;
  if (s[end] === '到') {
    let q = end + 1;
    if (s.startsWith('百分之', q)) q += 3;
    const b = readValue(q);
    if (b) {
      text += '~' + b.text;
      end = b.end;
    }
  }
  return { end, reps: [rep(i, end, sg.sign + text + '%')] };
}

function matchOrdinal(s: string, i: number, limit: number, opts: ItnOptions): ZhMatch | null {
  if (s[i] !== '第') return null;
  const t = readTerm(s, i + 1, limit, false, opts);
  if (!t || t.kind !== 'int') return null;
  if (s.startsWith('分之', t.end)) return null;
  if (!opts.enable0To9 && t.num?.singleDigit) return null;
  return { end: t.end, reps: [rep(i + 1, t.end, renderTerm(t, 'ordinal', opts))] };
}

/** 五毛八分 after 元: the decimal part of an amount. */
function readCents(s: string, i: number): { end: number; digits: string } | null {
  const jiao = digitAt(s, i);
  if (jiao < 0 || (s[i + 1] !== '毛' && s[i + 1] !== '角')) return null;
  const fen = digitAt(s, i + 2);
  if (fen >= 0 && s[i + 3] === '分') return { end: i + 4, digits: `${jiao}${fen}` };
  return { end: i + 2, digits: String(jiao) };
}

function matchNumeric(s: string, i: number, limit: number, opts: ItnOptions): ZhMatch | null {
  // 2两: already written; 两 is the weight unit here.
  if (s[i] === '两' && /[0-9]/.test(s[i - 1] ?? '')) return null;
  const sg = readSign(s, i);
  if (i > 0 && APPROX_CHARS.includes(s[i - 1]) && s[i - 1] === '几') return skipNumber(s, i, limit);
  let first = readTerm(s, i, limit, true, opts);
  if (!first) return null;
  if (s[first.end] === '几') return skipNumber(s, i, limit);
  // 一百一个 → 100 1个: a trailing digit before a count word is its own number (WeTextProcessing measure_sp).
  let countSplit: Term | null = null;
  if (first.kind === 'int' && first.num && first.end - first.start >= 3 && !sg.sign) {
    const lastDigit = digitAt(s, first.end - 1);
    const before = s[first.end - 2];
    if (
      lastDigit > 0 &&
      (before === '百' || before === '千' || before === '万') &&
      countAfterRound.match(s, first.end)
    ) {
      const head = readTerm(s, i, first.end - 1, true, opts);
      if (head) {
        countSplit = {
          start: first.end - 1,
          end: first.end,
          sign: '',
          kind: 'int',
          digits: '',
          num: undefined,
        };
        first = head;
      }
    }
  }
  if (countSplit) {
    const unit = countAfterRound.match(s, countSplit.end);
    const d = digitAt(s, countSplit.start);
    const headText = renderTerm(first, 'measure', opts);
    const tail = opts.enable0To9 ? ' ' + d : s[countSplit.start];
    return { end: (unit as { end: number }).end, reps: [rep(i, countSplit.end, headText + tail)] };
  }
  if (s.startsWith('分之', first.end) && first.kind === 'int') return matchFraction(s, i, first, limit, opts);
  // 一千克 → 1kg: the 千 belongs to the unit when a digit may stand alone (WeTextProcessing weights).
  if (opts.enable0To9 && first.kind === 'int' && first.end - first.start >= 2 && s[first.end - 1] === '千') {
    const sym = unitsSymbol.match(s, first.end - 1);
    const head = sym ? readTerm(s, i, first.end - 1, true, opts) : null;
    if (sym && head && head.end === first.end - 1 && head.kind === 'int') first = head;
  }
  if (s[first.end] === '又' && first.kind === 'int') {
    const frac = readTerm(s, first.end + 1, limit, false, opts);
    if (frac && frac.kind === 'int' && s.startsWith('分之', frac.end)) {
      const f = matchFraction(s, first.end + 1, frac, limit, opts);
      if (f) return { end: f.end, reps: [rep(i, first.end, renderTerm(first, 'fraction', opts)), ...f.reps] };
    }
  }
  // Ranges (六百三到六百四) and arithmetic (一加二等于三) chain terms.
  const terms: Array<{ term: Term; op: string }> = [{ term: first, op: '' }];
  let end = first.end;
  for (let guard = 0; guard < 16 && end < limit; guard++) {
    let op = '';
    let next = end;
    if (s[end] === '到') {
      op = '~';
      next = end + 1;
    } else {
      const m = mathOps.match(s, end);
      if (!m) break;
      op = m.value;
      next = m.end;
    }
    const t = readTerm(s, next, limit, true, opts);
    if (!t || t.kind === 'digits') break;
    terms.push({ term: t, op });
    end = t.end;
  }
  const single = terms.length === 1;
  const role = (r: Role) => terms.map(({ term, op }) => op + renderTerm(term, r, opts)).join('');
  const lastIsSingleDigit = single && first.kind === 'int' && !!first.num?.singleDigit && !first.sign;

  // Money: 三十四点五二一元 → ¥34.521, 二十五元三毛 → ¥25.3, 十二块五毛 → 12块5毛.
  const wanBefore = bigUnitAt(s, end) > 0 && (first.kind === 'decimal' || !single) ? s[end] : '';
  const cur = readCurrency(s, end + wanBefore.length, opts);
  if (cur && first.kind !== 'digits') {
    if (lastIsSingleDigit && !opts.enable0To9) return null;
    let amount = role('money') + wanBefore;
    let stop = cur.end;
    const cents = single && first.kind === 'int' ? readCents(s, cur.end) : null;
    if (cents) {
      amount += '.' + cents.digits;
      stop = cents.end;
    }
    return { end: stop, reps: [rep(i, stop, cur.symbol + amount)] };
  }
  if (s[end] === '块' && single && first.kind === 'int') {
    const jiao = digitAt(s, end + 1);
    const reps = [rep(i, end, renderTerm(first, 'money', opts))];
    if (jiao > 0 && !isNumeralAt(s, end + 2)) {
      reps.push(rep(end + 1, end + 2, String(jiao)));
      const stop = s[end + 2] === '毛' ? end + 3 : end + 2;
      return { end: stop, reps };
    }
  }
  // 万/亿 right before a symbol unit stay as characters (两千万人, 二十点一万).
  let unitAt = end;
  if (bigUnitAt(s, end) > 0 && (first.kind === 'decimal' || !single)) unitAt = end + 1;
  const unit = readUnit(s, unitAt, opts);
  if (unit && first.kind !== 'digits') {
    if (lastIsSingleDigit && !opts.enable0To9) return null;
    const wan = s.slice(end, unitAt);
    const body = role('measure') + wan;
    if (unit.kept) return { end: unit.end, reps: [rep(i, unitAt, body)] };
    return { end: unit.end, reps: [rep(i, end, body), rep(unitAt, unit.end, unit.text)] };
  }
  // NeMo writes 六点 / 十点 (o'clock) with the number converted.
  if (zhConventions(opts).oclockWords === 'nemo' && single && first.kind === 'int' && isDot(s[end])) {
    return { end: end + 1, reps: [rep(i, end, role('cardinal'))] };
  }
  if (first.kind === 'digits' || first.kind === 'decimal' || !single) {
    return { end, reps: [rep(i, end, role('cardinal'))], numeric: true };
  }
  // A bare number: the flags decide.
  if (!opts.enableStandaloneNumber) return { end, reps: [] };
  const nemoStandalone = zhConventions(opts).standalone === 'nemo';
  if (first.num?.singleDigit && (!opts.enable0To9 || nemoStandalone) && !first.sign) return null;
  // A lone digit inside a word (四川, 二维码, 一带一路) stays; it converts at a boundary (五，五十五 / 是二).
  if (first.num?.singleDigit && !first.sign && !isBoundaryAt(s, end)) return { end, reps: [] };
  // NeMo's zh cardinal leaves standalone numbers below 20 as words.
  if (nemoStandalone && !first.sign && Number(fullValue(first.num?.groups ?? [])) < 20) return null;
  return { end, reps: [rep(i, end, role('cardinal'))], numeric: true };
}

/** 每小时十公里 → 10km/h: the denominator is said first. */
function matchPer(s: string, i: number, limit: number, opts: ItnOptions): ZhMatch | null {
  if (s[i] !== '每') return null;
  const per = perUnits.match(s, i + 1);
  if (!per) return null;
  const m = matchNumeric(s, per.end, limit, opts);
  if (!m || m.reps.length !== 2) return null;
  const [num, unit] = m.reps;
  if (unit.text.includes('/')) return null;
  return { end: m.end, reps: [rep(i, m.end, num.text + unit.text + '/' + per.value)] };
}

function matchFraction(s: string, i: number, den: Term, limit: number, opts: ItnOptions): ZhMatch | null {
  const numer = readTerm(s, den.end + 2, limit, false, opts);
  if (!numer || numer.kind === 'digits') return null;
  const sign = den.sign;
  const d = renderTerm({ ...den, sign: '' }, 'fraction', opts);
  const text = `${sign}${renderTerm(numer, 'fraction', opts)}/${d}`;
  return { end: numer.end, reps: [rep(i, numer.end, text)] };
}

/** Consumes a number without rewriting it (approximate 十几万, or flags say leave it). */
function skipNumber(s: string, i: number, limit: number): ZhMatch {
  let end = i;
  while (end < limit && (isNumeralAt(s, end) || s[end] === '几')) end++;
  return { end, reps: [] };
}
