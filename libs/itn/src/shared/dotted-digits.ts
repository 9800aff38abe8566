import { phoneDigitAt } from './cjk-number';

/**
 * Digit groups joined by a spoken dot, three groups or more (一九二点一六八点零点一 → 192.168.0.1): IP addresses and
 * version numbers. Each group is read digit by digit and has at most three digits.
 */
export function readDottedDigits(
  s: string,
  i: number,
  limit: number,
  dot: string,
): { end: number; text: string } | null {
  let pos = i;
  const groups: string[] = [];
  while (pos < limit) {
    let g = '';
    while (pos < limit && g.length < 4 && phoneDigitAt(s, pos) >= 0) {
      g += String(phoneDigitAt(s, pos));
      pos++;
    }
    if (g.length === 0 || g.length > 3) return null;
    groups.push(g);
    if (s[pos] !== dot || phoneDigitAt(s, pos + 1) < 0) break;
    pos++;
  }
  if (groups.length < 3) return null;
  return { end: pos, text: groups.join('.') };
}
