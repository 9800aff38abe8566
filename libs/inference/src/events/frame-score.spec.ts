import { smoothedMax } from './frame-score';

describe('smoothedMax', () => {
  it('takes the best moving average of k frames per class', () => {
    // class 0: a 3-frame burst of 0.9 in zeros; class 1: constant 0.2
    const rows = [0, 0, 0.9, 0.9, 0.9, 0, 0, 0].map((v) => [v, 0.2]);
    const out = new Float32Array(2);
    smoothedMax(Float32Array.from(rows.flat()), rows.length, 2, 3, out);
    expect(out[0]).toBeCloseTo(0.9, 6);
    expect(out[1]).toBeCloseTo(0.2, 6);
    smoothedMax(Float32Array.from(rows.flat()), rows.length, 2, 4, out);
    expect(out[0]).toBeCloseTo(0.675, 6); // (0.9 * 3 + 0) / 4
  });

  it('averages all frames when there are at most k (a short burst in a short clip is diluted)', () => {
    const out = new Float32Array(1);
    smoothedMax(Float32Array.from([1, 0]), 2, 1, 25, out);
    expect(out[0]).toBeCloseTo(0.5, 6);
    smoothedMax(new Float32Array(0), 0, 1, 25, out);
    expect(out[0]).toBe(0);
  });
});
