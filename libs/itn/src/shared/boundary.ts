const BOUNDARY = /[\s\p{P}\p{S}A-Za-z0-9\uFF01-\uFF0F\uFF1A-\uFF20\u3000-\u303F]/u;

/** End of text, white space, punctuation, symbols or Latin/ASCII: where a CJK word cannot continue. */
export function isBoundaryAt(s: string, i: number): boolean {
  if (i >= s.length) return true;
  return BOUNDARY.test(s[i]);
}
