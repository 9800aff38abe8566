import { argmaxRow, ctcGreedyDecode } from './ctc-greedy.decoder';

function logits(rows: number[][]): Float32Array {
  return Float32Array.from(rows.flat());
}

describe('ctcGreedyDecode', () => {
  it('collapses repeats, drops blanks, and lets a blank separate two equal tokens', () => {
    // argmax per frame: 1 1 0 1 2 2 0 0 2
    const hot = (i: number): number[] => [0, 0, 0].map((_, k) => (k === i ? 5 : 0));
    const l = logits([1, 1, 0, 1, 2, 2, 0, 0, 2].map(hot));
    const r = ctcGreedyDecode(l, 0, 9, 3, 0);
    expect(r.ids).toEqual([1, 1, 2, 2]);
    expect(r.frames).toEqual([0, 3, 4, 8]);
    expect(r.logProbs.every((p) => p < 0 && p > -1)).toBe(true);
  });

  it('reads only the given frames at the given offset (batch padding is never decoded)', () => {
    const l = logits([
      [0, 9, 0],
      [0, 0, 9],
      [0, 9, 0],
      [0, 0, 9],
    ]);
    expect(ctcGreedyDecode(l, 6, 1, 3, 0).ids).toEqual([1]);
    expect(ctcGreedyDecode(l, 0, 2, 3, 0).ids).toEqual([1, 2]);
  });

  it('breaks ties by the first maximum and honours a banned id', () => {
    const l = logits([[1, 7, 7, 3]]);
    expect(argmaxRow(l, 0, 4)).toBe(1);
    expect(argmaxRow(l, 0, 4, 1)).toBe(2);
  });

  it('finds the first maximum in any lane and any tail length, at any offset', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 5) - 2;
    for (let vocab = 1; vocab < 40; vocab++) {
      for (let trial = 0; trial < 20; trial++) {
        const row = Float32Array.from({ length: vocab + 3 }, rnd); // few distinct values: many ties
        let want = 0;
        for (let i = 1; i < vocab; i++) if (row[3 + i] > row[3 + want]) want = i;
        expect(argmaxRow(row, 3, vocab)).toBe(want);
      }
    }
  });
});
