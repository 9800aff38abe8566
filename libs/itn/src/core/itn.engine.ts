import { EarshotError } from '@earshot/contracts';
import { Grammar, ITN_LANGUAGES, ItnLanguage, ItnOptions, Replacement } from './grammar';
import { getGrammar } from './registry';
import { applyReplacements, ItnResult } from './span-map';

/** Far above any transcript; bounds memory and time for one call. */
export const MAX_ITN_INPUT_CHARS = 1_000_000;

/** Flags as WeTextProcessing's main test rows assume them (its test default, not its library default). */
export const DEFAULT_ITN_OPTIONS: Required<ItnOptions> = {
  enable0To9: true,
  enableStandaloneNumber: true,
  style: 'house',
  removeInterjections: true,
};

export function isItnLanguage(value: unknown): value is ItnLanguage {
  return typeof value === 'string' && (ITN_LANGUAGES as readonly string[]).includes(value);
}

/**
 * Spoken form to written form. Text the grammar does not claim passes through unchanged, and the spans tile
 * input and output so token timestamps can follow the rewrite (see `mapRange`).
 */
export function normalize(text: string, lang: ItnLanguage, opts: ItnOptions = {}): ItnResult {
  if (typeof text !== 'string') throw new EarshotError('INVALID_ARGUMENT', 'text must be a string', 'text');
  if (text.length > MAX_ITN_INPUT_CHARS) {
    throw new EarshotError(
      'INVALID_ARGUMENT',
      `text is longer than ${MAX_ITN_INPUT_CHARS} characters`,
      'text',
    );
  }
  const grammar = requireGrammar(lang);
  const options: ItnOptions = {
    enable0To9: opts.enable0To9 ?? DEFAULT_ITN_OPTIONS.enable0To9,
    enableStandaloneNumber: opts.enableStandaloneNumber ?? DEFAULT_ITN_OPTIONS.enableStandaloneNumber,
    style: opts.style ?? DEFAULT_ITN_OPTIONS.style,
    removeInterjections: opts.removeInterjections ?? DEFAULT_ITN_OPTIONS.removeInterjections,
  };
  if (text.length === 0) return { text: '', spans: [] };
  let reps = grammar.find(text, options);
  if (lang === 'zh' || lang === 'ja') reps = withLatinRuns(text, reps, options);
  return applyReplacements(text, reps);
}

function requireGrammar(lang: ItnLanguage): Grammar {
  if (!isItnLanguage(lang)) {
    throw new EarshotError(
      'INVALID_ARGUMENT',
      `unknown ITN language "${String(lang)}" (use ${ITN_LANGUAGES.join(', ')})`,
      'lang',
    );
  }
  const grammar = getGrammar(lang);
  if (!grammar)
    throw new EarshotError('INVALID_ARGUMENT', `no ITN grammar registered for "${lang}" yet`, 'lang');
  return grammar;
}

// A multi-word Latin run ("twenty five dollars") inside CJK text: handed to the English grammar when it exists.
const LATIN_RUN = /[A-Za-z][A-Za-z'-]*(?: +[A-Za-z][A-Za-z'-]*)+/g;
const HAS_LATIN_PAIR = /[A-Za-z] +[A-Za-z]/;

/** Mixed Chinese/Japanese–English lines: English number words get the English grammar, if registered. */
function withLatinRuns(text: string, reps: Replacement[], opts: ItnOptions): Replacement[] {
  const en = getGrammar('en');
  if (!en || !HAS_LATIN_PAIR.test(text)) return reps;
  const extra: Replacement[] = [];
  let k = 0; // reps are sorted: one sweep finds overlaps, keeping this linear
  for (const m of text.matchAll(LATIN_RUN)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    while (k < reps.length && reps[k].end <= start) k++;
    if (k < reps.length && reps[k].start < end) continue;
    for (const r of en.find(m[0], opts))
      extra.push({ start: r.start + start, end: r.end + start, text: r.text });
  }
  if (extra.length === 0) return reps;
  return [...reps, ...extra].sort((a, b) => a.start - b.start);
}
