import { MelBanks, melScale } from './mel-banks';

describe('MelBanks', () => {
  const mel = new MelBanks(80, 512, 16000, 20, 8000);

  it('uses the HTK mel scale', () => {
    expect(melScale(700)).toBeCloseTo(1127 * Math.log(2), 10);
    expect(melScale(0)).toBe(0);
  });

  it('never touches the Nyquist bin and starts above 20 Hz', () => {
    expect(mel.numFftBinsUsed).toBeLessThanOrEqual(256);
    expect(mel.offsets[0]).toBeGreaterThanOrEqual(1); // bin 0 is 0 Hz < 20 Hz
  });

  it('has triangular weights in (0, 1] and overlapping neighbours', () => {
    for (let b = 0; b < 80; b++) {
      expect(mel.lengths[b]).toBeGreaterThan(0);
      for (let k = 0; k < mel.lengths[b]; k++) {
        const w = mel.weights[mel.starts[b] + k];
        expect(w).toBeGreaterThan(0);
        expect(w).toBeLessThanOrEqual(1);
      }
    }
    // Adjacent triangles overlap: inside the band, weights of bank b and b+1 at one bin sum to 1.
    const b = 40;
    const k = mel.offsets[b + 1];
    const wb = mel.weights[mel.starts[b] + (k - mel.offsets[b])];
    const wn = mel.weights[mel.starts[b + 1]];
    expect(wb + wn).toBeCloseTo(1, 10);
  });

  it('keeps a filter empty (not broken) when the FFT is too coarse for it', () => {
    const coarse = new MelBanks(128, 64, 16000, 20, 8000);
    expect(Array.from(coarse.lengths).some((l) => l === 0)).toBe(true);
  });
});
