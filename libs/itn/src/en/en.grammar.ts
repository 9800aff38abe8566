import { Grammar, ItnOptions, Replacement } from '../core/grammar';
import { isNumberWord, ordinalToCardinalWord } from './en-numbers';
import { tokenize } from './en-tokens';
import { dateTagger } from './taggers/date.tagger';
import { electronicTagger } from './taggers/electronic.tagger';
import { moneyTagger, measureTagger } from './taggers/money-measure.tagger';
import { numberTagger, ordinalTagger } from './taggers/number.tagger';
import { Match, Tagger } from './taggers/tagger';
import { telephoneTagger } from './taggers/telephone.tagger';
import { timeTagger } from './taggers/time.tagger';
import { whitelistTagger } from './taggers/whitelist.tagger';

/**
 * Classes in priority order: at each word the longest span wins, and among equally long spans the
 * earlier class (mirrors NeMo's per-class weights: date and ordinal before time and cardinal).
 */
const TAGGERS: readonly Tagger[] = [
  dateTagger,
  ordinalTagger,
  timeTagger,
  moneyTagger,
  measureTagger,
  telephoneTagger,
  electronicTagger,
  numberTagger,
];
/** Classes that can start on a spelled letter ("x three eighty six", "a at gmail …"). */
const LETTER_START: readonly Tagger[] = [telephoneTagger, electronicTagger];
/** Any other word can only open an address ("john at …", "nvidia dot com"). */
const WORD_START: readonly Tagger[] = [electronicTagger];

/** Words that can open a numeric span; anything else skips the numeric classes (speed on long lines). */
function opensNumber(w: string): boolean {
  return (
    isNumberWord(w) ||
    ordinalToCardinalWord(w) !== null ||
    START_WORDS.has(w)
  );
}

const START_WORDS = new Set([
  'minus', 'point', 'plus', 'double', 'triple', 'o', 'oh', 'half', 'quarter', 'the',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december',
]);

/**
 * English ITN following NeMo (and WeTextProcessing where NeMo has no answer): see README.md for the
 * house style. Scans left to right; text outside the matched spans is never touched.
 */
export class EnGrammar implements Grammar {
  readonly lang = 'en' as const;

  find(input: string, _opts: ItnOptions): Replacement[] {
    const toks = tokenize(input);
    const out: Replacement[] = [];
    let i = 0;
    while (i < toks.length) {
      const tok = toks[i];
      if (!tok.isWord) {
        i++;
        continue;
      }
      // Whitelisted phrases win outright (NeMo gives them a bonus weight).
      let best: Match | null = whitelistTagger(toks, i);
      if (!best) {
        const taggers = opensNumber(tok.lower) ? TAGGERS : tok.text.length === 1 ? LETTER_START : WORD_START;
        for (const tagger of taggers) {
          const m = tagger(toks, i);
          if (m && m.end > i && (!best || m.end > best.end)) best = m;
        }
      }
      if (!best) {
        i++;
        continue;
      }
      const start = tok.start;
      const end = toks[best.end - 1].end;
      if (input.slice(start, end) !== best.text) out.push({ start, end, text: best.text });
      i = best.end;
    }
    return out;
  }
}
export const enGrammar = new EnGrammar();
