import { ItnOptions } from '../core/grammar';
import { LexiconTrie } from '../shared/lexicon-trie';
import { zhConventions } from './zh-conventions';
import { CURRENCY_NEMO, CURRENCY_WETEXT, PER_UNITS, UNITS_KEPT, UNITS_SYMBOL } from './zh-lexicon';

const currencyWetext = new LexiconTrie(CURRENCY_WETEXT);
const currencyNemo = new LexiconTrie(CURRENCY_NEMO);
export const unitsSymbol = new LexiconTrie(UNITS_SYMBOL);
const unitsKept = new LexiconTrie(UNITS_KEPT.map((u) => [u, u] as const));
export const perUnits = new LexiconTrie(PER_UNITS);

/** A unit after a quantity: symbol units are rewritten (千克 → kg), measure words stay. */
export function readUnit(
  s: string,
  i: number,
  opts?: ItnOptions,
): { end: number; text: string; kept: boolean } | null {
  // NeMo's zh grammar has no measure class: units stay as words.
  const sym = opts && zhConventions(opts).measure === 'nemo' ? undefined : unitsSymbol.match(s, i);
  const kept = unitsKept.match(s, i) ?? (sym ? undefined : keptSymbolWord(s, i));
  if (sym && (!kept || sym.end >= kept.end)) {
    let end = sym.end;
    let text = sym.value;
    if (s[end] === '每' && !text.includes('/')) {
      const per = perUnits.match(s, end + 1);
      if (per) {
        text += '/' + per.value;
        end = per.end;
      }
    }
    return { end, text, kept: false };
  }
  if (kept) return { end: kept.end, text: kept.word, kept: true };
  return null;
}

export function readCurrency(s: string, i: number, opts: ItnOptions): { end: number; symbol: string } | null {
  const which = zhConventions(opts).currency;
  const nemo = which === 'wetext' ? undefined : currencyNemo.match(s, i);
  const wetext = which === 'nemo' ? undefined : currencyWetext.match(s, i);
  // Under `both` the longer name wins (印度卢布 over 卢布); on a tie NeMo's symbol does.
  const m = nemo && (!wetext || nemo.end >= wetext.end) ? nemo : wetext;
  return m ? { end: m.end, symbol: m.value } : null;
}

/** Under NeMo style a symbol unit is still a unit, just written as the word. */
function keptSymbolWord(s: string, i: number): { word: string; end: number } | undefined {
  const m = unitsSymbol.match(s, i);
  return m ? { word: m.word, end: m.end } : undefined;
}
