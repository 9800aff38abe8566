const WORD_CHAR = /[\p{L}\p{N}]/u;
const LATIN_OR_DIGIT = /[A-Za-z0-9]/;

/** End of text, or anything but a CJK word character (punctuation, space, symbols, Latin, stray surrogates). */
export function isBoundaryAt(s: string, i: number): boolean {
  if (i >= s.length) return true;
  const c = s[i];
  return !WORD_CHAR.test(c) || LATIN_OR_DIGIT.test(c);
}
