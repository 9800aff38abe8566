import { Tok } from '../en-tokens';
import { Match } from './tagger';

/**
 * Fixed phrases the anchors rewrite as a whole (titles, abbreviations, brand spellings). Written forms
 * in lower case follow the speaker's capitalisation of the first letter ("Doctor" → "Dr.").
 */
const WHITELIST: ReadonlyArray<readonly [string, string]> = [
  ['doctor', 'dr.'], ['mister', 'mr.'], ['misses', 'mrs.'], ['missus', 'mrs.'], ['saint', 'st.'],
  ['for example', 'e.g.'],
  ['s and p', 'S&P'], ['a t and t', 'AT&T'], ['seven eleven', '7-eleven'],
  ['cat five', 'CAT5'], ['cat five e', 'CAT5e'], ['cat six', 'CAT6'], ['cat six a', 'CAT6A'], ['cat seven', 'CAT7'],
  ['cat eight', 'CAT8'], ['l g a', 'LGA'], ['c plus plus', 'C++'], ['c sharp', 'C#'], ['i triple e', 'IEEE'],
  ['covid nineteen', 'COVID-19'], ['wi fi', 'Wi-Fi'], ['c u d n n', 'cuDNN'], ['three d', '3D'], ['two d', '2D'],
  ['four k', '4K'], ['eight k', '8K'], ['five g', '5G'], ['four g', '4G'],
];

interface Entry {
  words: string[];
  written: string;
}

const ENTRIES: Entry[] = WHITELIST.map(([spoken, written]) => ({ words: spoken.split(' '), written })).sort(
  (a, b) => b.words.length - a.words.length,
);

export function whitelistTagger(toks: readonly Tok[], i: number): Match | null {
  for (const e of ENTRIES) {
    let ok = true;
    for (let k = 0; k < e.words.length; k++) {
      const t = toks[i + k];
      if (!t || !t.isWord || t.lower !== e.words[k]) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    const first = toks[i].text[0];
    const lowerWritten = e.written[0] === e.written[0].toLowerCase() && /\p{Ll}/u.test(e.written[0]);
    const text = lowerWritten && first !== first.toLowerCase() ? e.written[0].toUpperCase() + e.written.slice(1) : e.written;
    return { end: i + e.words.length, text };
  }
  return null;
}
