import { Tok } from '../en-tokens';
import {
  digitWordValue,
  isSmallStandalone,
  ordinalSuffix,
  ordinalToCardinalWord,
  parseCardinal,
  SCALES,
  wordAt,
} from '../en-numbers';
import { Match, MAX_SPAN } from './tagger';

/** A numeric amount as written: "5.2", ".02", "15" plus an optional kept quantity word ("billion"). */
export interface Amount {
  number: string;
  quantity: string | null;
  end: number;
  /** True when the amount is the single word "one" (singular units and currencies). */
  isOne: boolean;
  /** True when the phrase was a bare cardinal (no point, no quantity). */
  plain: boolean;
}

/** Digits after "point": one or more of one..nine, zero, o. */
function parseFraction(toks: readonly Tok[], j: number): { digits: string; end: number } | null {
  let digits = '';
  let k = j;
  while (k - j < MAX_SPAN) {
    const d = digitWordValue(wordAt(toks, k));
    if (d === null || wordAt(toks, k) === 'oh') break;
    digits += d;
    k++;
  }
  return digits ? { digits, end: k } : null;
}

// Several classes parse the same amount at the same token; remember the last line's results.
let memoToks: readonly Tok[] | null = null;
const memo = new Map<number, Amount | null>();

/** Cardinal or decimal with an optional quantity word; no sign. */
export function parseAmount(toks: readonly Tok[], j: number): Amount | null {
  if (toks !== memoToks) {
    memoToks = toks;
    memo.clear();
  }
  let r = memo.get(j);
  if (r === undefined) {
    r = parseAmountUncached(toks, j);
    memo.set(j, r);
  }
  return r;
}

function parseAmountUncached(toks: readonly Tok[], j: number): Amount | null {
  const card = parseCardinal(toks, j);
  const afterInt = card ? card.end : j;
  if (wordAt(toks, afterInt) === 'point') {
    const frac = parseFraction(toks, afterInt + 1);
    if (frac) {
      const number = (card ? card.digits : '') + '.' + frac.digits;
      const q = wordAt(toks, frac.end);
      if (q === 'thousand' || (q in SCALES && q !== 'thousand')) {
        return { number, quantity: toks[frac.end].text, end: frac.end + 1, isOne: false, plain: false };
      }
      return { number, quantity: null, end: frac.end, isOne: false, plain: false };
    }
  }
  if (!card) return null;
  if (card.quantity) {
    return {
      number: String(card.quantity.head),
      quantity: toks[card.quantity.scaleTok].text,
      end: card.end,
      isOne: false,
      plain: false,
    };
  }
  return { number: card.digits, quantity: null, end: card.end, isOne: card.end === j + 1 && toks[j].lower === 'one', plain: true };
}

export function formatAmount(a: Amount): string {
  return a.quantity ? `${a.number} ${a.quantity}` : a.number;
}

/** Cardinals and decimals: "minus twenty five" → "-25", "five point two million" → "5.2 million". */
export function numberTagger(toks: readonly Tok[], i: number): Match | null {
  let j = i;
  let sign = '';
  if (wordAt(toks, i) === 'minus') {
    sign = '-';
    j = i + 1;
  }
  const amount = parseAmount(toks, j);
  if (!amount) return null;
  if (!sign && amount.plain && isSmallStandalone(toks, j, amount.end)) return null;
  return { end: amount.end, text: sign + formatAmount(amount) };
}

/** Ordinals: "twenty first" → "21st", "eleven hundred twenty first" → "1121st". */
export function ordinalTagger(toks: readonly Tok[], i: number): Match | null {
  // The ordinal word ends the phrase, so a plain cardinal parse stops right on it.
  const plain = parseCardinal(toks, i);
  let k = plain ? plain.end : i;
  if (wordAt(toks, k) === 'and' && k > i) k++;
  const w = wordAt(toks, k);
  const base = ordinalToCardinalWord(w);
  if (!base) return null;
  // Set phrases, not ordinals: "wait a second", "at first", "first of all".
  if (k === i && w === 'second' && wordAt(toks, i - 1) === 'a') return null;
  if (k === i && w === 'first' && (wordAt(toks, i - 1) === 'at' || (wordAt(toks, i + 1) === 'of' && wordAt(toks, i + 2) === 'all'))) {
    return null;
  }
  const card = parseCardinal(toks, i, { index: k, word: base });
  if (!card || card.end !== k + 1) return null;
  return { end: k + 1, text: card.digits + ordinalSuffix(card.digits) };
}

/** Ordinal value of one phrase starting at i (for dates): digits and end, or null. */
export function parseOrdinal(toks: readonly Tok[], i: number): { value: number; end: number } | null {
  const m = ordinalTagger(toks, i);
  if (!m) return null;
  return { value: parseInt(m.text, 10), end: m.end };
}
