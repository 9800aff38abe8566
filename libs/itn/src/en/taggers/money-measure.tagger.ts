import { Tok } from '../en-tokens';
import { DIGITS, parseCardinal, parseTens, wordAt } from '../en-numbers';
import { matchCurrency, matchUnit } from '../en-units';
import { Amount, formatAmount, parseAmount } from './number.tagger';
import { Match } from './tagger';

/** "one fifty five" read as "one hundred fifty five" (three-digit amounts said in pairs). */
function parseHundredless(toks: readonly Tok[], j: number): Amount | null {
  const w = wordAt(toks, j);
  if (!(w in DIGITS)) return null;
  const rest = parseTens(toks, j + 1);
  if (!rest || rest.value < 10) return null;
  return { number: String(DIGITS[w] * 100 + rest.value), quantity: null, end: rest.end, isOne: false, plain: true };
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** "[and] fifty one cents" / "one cent": cents 1-99. */
function parseCents(toks: readonly Tok[], j: number): { cents: number; end: number } | null {
  const card = parseCardinal(toks, j);
  if (!card) return null;
  const value = Number(card.digits);
  if (value < 1 || value > 99) return null;
  const unit = wordAt(toks, card.end);
  const isOne = card.end === j + 1 && toks[j].lower === 'one';
  if ((unit === 'cent' && isOne) || (unit === 'cents' && !isOne)) return { cents: value, end: card.end + 1 };
  return null;
}

/** Money: "eleven dollars and fifty one cents" → "$11.51", "thirty billion yen" → "¥30 billion". */
export function moneyTagger(toks: readonly Tok[], i: number): Match | null {
  const standaloneCents = parseCents(toks, i);
  const amount = parseAmount(toks, i);
  const hundredless = parseHundredless(toks, i);
  let best: Match | null = null;
  for (const a of [amount, hundredless]) {
    if (!a) continue;
    const cur = matchCurrency(toks, a.end);
    if (!cur || (a.isOne && cur.plural)) continue;
    let text = cur.written + formatAmount(a);
    let end = cur.end;
    if (a.plain) {
      const afterAnd = wordAt(toks, end) === 'and' ? end + 1 : end;
      const cents = parseCents(toks, afterAnd);
      if (cents) {
        text += '.' + pad2(cents.cents);
        end = cents.end;
      } else {
        // "seventy five dollars sixty three": a bare 1-99 after the unit is cents.
        const bare = parseCardinal(toks, end);
        const value = bare ? Number(bare.digits) : 0;
        if (bare && value >= 1 && value <= 99 && !matchCurrency(toks, bare.end) && !matchUnit(toks, bare.end)) {
          text += '.' + pad2(value);
          end = bare.end;
        }
      }
    }
    if (!best || end > best.end) best = { end, text };
  }
  if (!best && standaloneCents) return { end: standaloneCents.end, text: '$0.' + pad2(standaloneCents.cents) };
  return best;
}

/** Measures: "two hundred kilometers per hour" → "200 km/h", "eighteen point six percent" → "18.6 %". */
export function measureTagger(toks: readonly Tok[], i: number): Match | null {
  let j = i;
  let sign = '';
  if (wordAt(toks, i) === 'minus') {
    sign = '-';
    j++;
  }
  const amount = parseAmount(toks, j);
  if (!amount) return null;
  const number = sign + formatAmount(amount);
  const unit = matchUnit(toks, amount.end);
  if (unit && !(amount.isOne && unit.plural)) {
    if (wordAt(toks, unit.end) === 'per') {
      const per = matchUnit(toks, unit.end + 1);
      if (per) return { end: per.end, text: `${number} ${unit.written}/${per.written}` };
    }
    return { end: unit.end, text: `${number} ${unit.written}` };
  }
  if (wordAt(toks, amount.end) === 'per') {
    const per = matchUnit(toks, amount.end + 1);
    if (per) return { end: per.end, text: `${number} /${per.written}` };
  }
  return null;
}
