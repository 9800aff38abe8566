import { EnergySegmenter } from './audio-segmenter';

describe('EnergySegmenter', () => {
  it('covers the audio with contiguous pieces no longer than the cap, cut in the quiet gaps', () => {
    // 95 s: 0.2 s gaps of silence every 3 s, loud tone elsewhere
    const n = 95 * 16000;
    const s = new Float32Array(n);
    for (let i = 0; i < n; i++) s[i] = (i / 16000) % 3 < 2.8 ? 0.5 * Math.sin(i / 7) : 0;
    const pieces = new EnergySegmenter({ maxSegmentSec: 20, searchSec: 4 }).segment(s);
    expect(pieces[0].start).toBe(0);
    expect(pieces[pieces.length - 1].end).toBe(n);
    for (let k = 1; k < pieces.length; k++) expect(pieces[k].start).toBe(pieces[k - 1].end);
    for (const p of pieces) expect(p.end - p.start).toBeLessThanOrEqual(20 * 16000);
    for (const p of pieces.slice(0, -1)) {
      const t = (p.end / 16000) % 3;
      expect(t).toBeGreaterThanOrEqual(2.8);
    }
  });

  it('keeps short and empty audio as one piece', () => {
    expect(new EnergySegmenter().segment(new Float32Array(1000))).toEqual([{ start: 0, end: 1000 }]);
    expect(new EnergySegmenter().segment(new Float32Array(0))).toEqual([{ start: 0, end: 0 }]);
  });
});
