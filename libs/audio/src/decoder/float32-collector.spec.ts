import { Float32Collector } from './float32-collector';

describe('Float32Collector.allWithin', () => {
  it('finds NaN, infinities and absurd magnitudes in what was added since a mark', () => {
    const c = new Float32Collector(4);
    c.push(Float32Array.from([0.5, -1, 2]));
    expect(c.allWithin(0, 1024)).toBe(true);
    const mark = c.length;
    c.push(Float32Array.from([0, Number.NaN]));
    expect(c.allWithin(mark, 1024)).toBe(false);
    const c2 = new Float32Collector(4);
    c2.push(Float32Array.from([Number.NEGATIVE_INFINITY]));
    expect(c2.allWithin(0, 1024)).toBe(false);
    const c3 = new Float32Collector(4);
    c3.push(Float32Array.from([1e6]));
    expect(c3.allWithin(0, 1024)).toBe(false);
  });
});
