import { cmvnFromVectors } from '../cmvn/cmvn';
import { FbankProcessor } from '../fbank/fbank.processor';
import { applyLfr, SENSEVOICE_LFR } from '../lfr/lfr.processor';
import { FeatureFrontend } from './feature-frontend';

describe('FeatureFrontend', () => {
  const x = Float32Array.from(
    { length: 19744 },
    (_, i) => 0.2 * Math.sin(i * 0.07) + 0.01 * Math.cos(i * 1.3),
  );

  it('is plain fbank without LFR or CMVN', () => {
    const f = new FeatureFrontend().compute(x);
    expect(f.frames).toBe(121);
    expect(Array.from(f.data)).toEqual(Array.from(new FbankProcessor().compute(x).data));
  });

  it('stacks then normalises (SenseVoice: 121 frames -> 21 x 560)', () => {
    const negMean = Array.from({ length: 560 }, (_, d) => -10 - d / 100);
    const invStddev = Array.from({ length: 560 }, (_, d) => 0.15 + d / 10000);
    const fe = new FeatureFrontend({ lfr: SENSEVOICE_LFR, cmvn: cmvnFromVectors(negMean, invStddev) });
    const out = fe.compute(x);
    expect([out.frames, out.dim, fe.dim]).toEqual([21, 560, 560]);
    const stacked = applyLfr(new FbankProcessor().compute(x));
    for (const i of [0, 1234, 21 * 560 - 1]) {
      const d = i % 560;
      expect(out.data[i]).toBeCloseTo((stacked.data[i] + negMean[d]) * invStddev[d], 5);
    }
  });
});
