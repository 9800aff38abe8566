import { EarshotError } from '@earshot/contracts';
import { FeatureMatrix } from '../features.types';
import { applyLfr, lfrFrameCount, SENSEVOICE_LFR } from './lfr.processor';

/** Frame t, dim d holds 100·t + d, so every output value names its source frame. */
function ramp(frames: number, dim: number): FeatureMatrix {
  const data = new Float32Array(frames * dim);
  for (let t = 0; t < frames; t++) for (let d = 0; d < dim; d++) data[t * dim + d] = 100 * t + d;
  return { data, frames, dim };
}

function sources(out: FeatureMatrix, i: number, dim: number): number[] {
  const m = out.dim / dim;
  return Array.from({ length: m }, (_, j) => Math.floor(out.data[i * out.dim + j * dim] / 100));
}

describe('applyLfr (m=7, n=6)', () => {
  it('matches the spec worked example for T = 121', () => {
    const out = applyLfr(ramp(121, 2));
    expect(out.frames).toBe(21);
    expect(out.dim).toBe(14);
    expect(sources(out, 0, 2)).toEqual([0, 0, 0, 0, 1, 2, 3]);
    expect(sources(out, 1, 2)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(sources(out, 20, 2)).toEqual([117, 118, 119, 120, 120, 120, 120]);
    // Dimension order inside a stacked frame is kept.
    expect(Array.from(out.data.subarray(14, 18))).toEqual([300, 301, 400, 401]);
  });

  it('gives the probed frame counts', () => {
    for (const [t, want] of [
      [0, 0],
      [1, 1],
      [6, 1],
      [7, 2],
      [98, 17],
      [121, 21],
      [2998, 500],
    ]) {
      expect(lfrFrameCount(t, SENSEVOICE_LFR)).toBe(want);
      expect(applyLfr(ramp(t, 1)).frames).toBe(want);
    }
  });

  it('repeats the only frame when T = 1', () => {
    const out = applyLfr(ramp(1, 3));
    expect(Array.from(out.data)).toEqual(Array(7).fill([0, 1, 2]).flat());
  });

  it('implements the legacy sherpa rule on request', () => {
    const out = applyLfr(ramp(121, 1), { m: 7, n: 6, padding: 'legacy' });
    expect(out.frames).toBe(20);
    expect(sources(out, 0, 1)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(sources(out, 19, 1)).toEqual([114, 115, 116, 117, 118, 119, 120]);
    expect(applyLfr(ramp(6, 1), { m: 7, n: 6, padding: 'legacy' }).frames).toBe(0);
  });

  it('rejects bad parameters', () => {
    expect(() => applyLfr(ramp(3, 1), { m: 0, n: 6 })).toThrow(EarshotError);
    expect(() => applyLfr(ramp(3, 1), { m: 7, n: 1.5 })).toThrow(EarshotError);
  });
});
