/**
 * Splits a line into word and punctuation tokens with code-unit offsets. Whitespace is not a token; each
 * token records whether whitespace preceded it, so taggers can tell "W W W." from "W W W ." when needed.
 * A plain character scan (no regexes over the whole line) keeps this linear on hostile input.
 */
export interface Tok {
  /** Original text of the token. */
  readonly text: string;
  /** Lower-cased text, what the grammars match on. */
  readonly lower: string;
  readonly start: number;
  readonly end: number;
  readonly isWord: boolean;
  /** Whitespace before this token (false for the first token of a line with no leading space). */
  readonly spaced: boolean;
}

const LETTER = /\p{L}|\p{M}/u;

function isWordChar(code: number, ch: string): boolean {
  if (code < 128) {
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  }
  // Lone surrogates and other non-letters fall through to punctuation.
  return LETTER.test(ch);
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x3000 || (code >= 0x2000 && code <= 0x200a);
}

export function tokenize(input: string): Tok[] {
  const out: Tok[] = [];
  const n = input.length;
  let i = 0;
  let spaced = false;
  while (i < n) {
    const code = input.charCodeAt(i);
    if (isSpace(code)) {
      spaced = true;
      i++;
      continue;
    }
    const ch = input[i];
    if (isWordChar(code, ch)) {
      let j = i + 1;
      while (j < n) {
        const c = input.charCodeAt(j);
        if (isWordChar(c, input[j])) {
          j++;
          continue;
        }
        // An apostrophe joins letters ("o'clock", "aaghart's"); a trailing one does not.
        if ((c === 39 || c === 0x2019) && j + 1 < n && isWordChar(input.charCodeAt(j + 1), input[j + 1])) {
          j += 2;
          continue;
        }
        break;
      }
      const text = input.slice(i, j);
      // Typographic apostrophes match like ASCII ones ("o’clock").
      const lower = text.toLowerCase().replace(/\u2019/g, "'");
      out.push({ text, lower, start: i, end: j, isWord: true, spaced });
      i = j;
    } else {
      // Keep a surrogate pair together so replacements never split one.
      const width = code >= 0xd800 && code <= 0xdbff && i + 1 < n && (input.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      const text = input.slice(i, i + width);
      out.push({ text, lower: text, start: i, end: i + width, isWord: false, spaced });
      i += width;
    }
    spaced = false;
  }
  return out;
}
