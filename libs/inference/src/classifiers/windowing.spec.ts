import { planWindows, rmsDbfs } from './windowing';

const plan = { windowSamples: 80000, hopSamples: 40960, alignSamples: 640 };

describe('planWindows', () => {
  it('uses one window for audio that fits', () => {
    expect(planWindows(16000, plan)).toEqual([{ start: 0, end: 16000 }]);
    expect(planWindows(80000, plan)).toEqual([{ start: 0, end: 80000 }]);
  });

  it('slides by the hop and ends with a window aligned to the end on the output grid', () => {
    const w = planWindows(160000, plan); // 10 s
    expect(w.map((x) => x.start)).toEqual([0, 40960, 80000]);
    for (const x of w) expect(x.end - x.start).toBe(80000);
    expect(w[2].start % 640).toBe(0);
    expect(160000 - w[2].end).toBeLessThan(640);
    const odd = planWindows(150000, plan);
    expect(odd.map((x) => x.start)).toEqual([0, 40960, 69760]);
    expect(150000 - odd[2].end).toBeLessThan(640);
  });

  it('adds no extra window when the hops already reach the end', () => {
    const n = 40960 + 80000;
    expect(planWindows(n, plan).map((x) => x.start)).toEqual([0, 40960]);
  });
});

describe('rmsDbfs', () => {
  it('gives -3 dB for a full-scale sine and -Infinity-like for zeros', () => {
    const s = Float32Array.from({ length: 16000 }, (_, i) => Math.sin((2 * Math.PI * 440 * i) / 16000));
    expect(rmsDbfs(s)).toBeCloseTo(-3.01, 1);
    expect(rmsDbfs(new Float32Array(100))).toBeLessThan(-190);
    expect(rmsDbfs(s, 5, 5)).toBe(-Infinity);
  });
});
