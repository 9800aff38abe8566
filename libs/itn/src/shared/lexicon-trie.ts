/**
 * Longest-match lookup of words at a position, keyed by first character so a miss costs one map probe.
 * Used for currencies, units and whitelists (small tables; lookups stay O(longest word)).
 */
export class LexiconTrie<V> {
  private readonly byFirst = new Map<number, Array<[string, V]>>();

  constructor(entries: Iterable<readonly [string, V]>) {
    for (const [word, value] of entries) {
      if (word.length === 0) continue;
      const list = this.byFirst.get(word.charCodeAt(0)) ?? [];
      list.push([word, value]);
      this.byFirst.set(word.charCodeAt(0), list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b[0].length - a[0].length);
  }

  /** The longest entry that starts at `i`, or undefined. */
  match(s: string, i: number): { word: string; value: V; end: number } | undefined {
    if (i >= s.length) return undefined;
    const list = this.byFirst.get(s.charCodeAt(i));
    if (!list) return undefined;
    for (const [word, value] of list) {
      if (s.startsWith(word, i)) return { word, value, end: i + word.length };
    }
    return undefined;
  }
}
