import { Grammar, ItnOptions, Replacement } from '../core/grammar';
import {
  cardinal,
  counter,
  date,
  digitRun,
  fraction,
  KoMatch,
  measure,
  money,
  ordinal,
  telephone,
  time,
} from './ko-classes';
import { endsWord, isHangul } from './ko-text';

/** Classes in priority order; the longest span wins and ties go to the earlier class. */
const CLASSES: ReadonlyArray<(s: string, p: number) => KoMatch | null> = [
  telephone,
  date,
  time,
  money,
  measure,
  ordinal,
  counter,
  fraction,
  digitRun,
];

/** First syllables that can open a span (numerals, signs, 루트, day periods, 유월/시월); others are skipped fast. */
const OPENERS = new Set(
  [...'일이삼사오육칠팔구영공십백천만억조경한두세네다여아열스서마쉰예첫루새저밤낮유시-'].map((c) => c.charCodeAt(0)),
);

/**
 * Everyday words that happen to be well-formed numbers (만일 "if", 천사 "angel", 오만 "arrogance", …): left
 * alone when they stand without a unit, like WeTextProcessing's whitelist of 一起, 一下.
 */
const HOMOGRAPHS = new Set(['만일', '천사', '만사', '오만', '백조', '일조']);

/**
 * Korean ITN following NeMo ko: Sino-Korean and native numerals, counters, money, dates, times,
 * decimals, fractions, percentages, units, telephone numbers and ordinals. Spans start only at a word
 * boundary, and bare numbers must end their word, so ordinary words made of digit syllables stay.
 */
export class KoGrammar implements Grammar {
  readonly lang = 'ko' as const;

  find(input: string, _opts: ItnOptions): Replacement[] {
    const out: Replacement[] = [];
    const trimmed = input.trim();
    const n = input.length;
    let i = 0;
    while (i < n) {
      const atBoundary = i === 0 || !isHangul(input[i - 1]);
      if (!atBoundary || !OPENERS.has(input.charCodeAt(i))) {
        i++;
        continue;
      }
      let best: KoMatch | null = null;
      for (const cls of CLASSES) {
        const m = cls(input, i);
        if (m && m.end > i && (!best || m.end > best.end) && (m.strong || endsWord(input, m.end))) best = m;
      }
      const card = cardinal(input, i);
      // A lone syllable (이, 사, 만 …) is a word far more often than a number: convert it only when it
      // is the whole line or carries a sign.
      const word = card ? input.slice(i, card.end) : '';
      const cardOk =
        card &&
        endsWord(input, card.end) &&
        (card.signed || word === trimmed || (card.syllables > 1 && !HOMOGRAPHS.has(word)));
      if (card && cardOk && (!best || card.end > best.end)) best = card;
      if (!best) {
        i++;
        continue;
      }
      if (input.slice(i, best.end) !== best.text) out.push({ start: i, end: best.end, text: best.text });
      i = best.end;
    }
    return out;
  }
}

export const koGrammar = new KoGrammar();
