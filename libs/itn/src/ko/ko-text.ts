/** Hangul syllables and jamo: what counts as "inside a word" for span boundaries. */
export function isHangul(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return (code >= 0xac00 && code <= 0xd7a3) || (code >= 0x1100 && code <= 0x11ff) || (code >= 0x3130 && code <= 0x318f);
}

/** Particles and copulas that may follow a number or a one-syllable unit inside the same word. */
const PARTICLES = [
  '입니다', '이에요', '예요', '에서', '으로', '부터', '까지', '이다', '이나', '보다', '정도', '짜리', '은', '는', '이',
  '가', '을', '를', '의', '에', '도', '과', '와', '로', '쯤', '씩', '만', '당', '퍼',
];

/** True when `end` closes a word, or only a particle follows before the word ends. */
export function endsWord(s: string, end: number): boolean {
  if (!isHangul(s[end])) return true;
  for (const p of PARTICLES) if (s.startsWith(p, end) && !isHangul(s[end + p.length])) return true;
  // Particles stack ("원이에요", "개씩은"): accept a known particle followed by another word ending.
  for (const p of PARTICLES) if (s.startsWith(p, end) && s.length > end + p.length && endsWordOnce(s, end + p.length)) return true;
  return false;
}

function endsWordOnce(s: string, end: number): boolean {
  if (!isHangul(s[end])) return true;
  for (const p of PARTICLES) if (s.startsWith(p, end) && !isHangul(s[end + p.length])) return true;
  return false;
}
