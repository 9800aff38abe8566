import { Float32Collector } from '../decoder/float32-collector';
import { mulberry32 } from '../testing/prng';
import { besselI0, besselI0Series } from './kaiser';
import { Resampler } from './resampler';
import { measureResampler } from './resampler-response';

function resample(x: Float32Array, inRate: number, outRate: number, chunk = x.length): Float32Array {
  const r = new Resampler(inRate, outRate);
  const sink = new Float32Collector(0);
  for (let i = 0; i < x.length; i += chunk) r.process(x.subarray(i, Math.min(x.length, i + chunk)), sink);
  r.flush(sink);
  return sink.finish();
}

describe('Resampler (Kaiser-windowed sinc, polyphase)', () => {
  it.each([
    [44100, 16000],
    [48000, 16000],
    [22050, 16000],
    [8000, 16000],
    [96000, 16000],
  ])(
    '%i -> %i Hz: passband ripple < 0.01 dB to 0.9 x Nyquist, stopband and aliases below -80 dB',
    (inRate, outRate) => {
      const m = measureResampler(inRate, outRate, {}, 200, 0.2);
      expect(m.passbandRippleDb).toBeLessThan(0.01);
      expect(m.stopbandAttenuationDb).toBeGreaterThan(80);
    },
  );

  it('halves high rates with half-band stages before the polyphase step', () => {
    expect(new Resampler(44100, 16000).describe()).toMatch(
      /^halfband 44100->22050 .*, polyphase 22050->16000/,
    );
    expect(new Resampler(96000, 16000).describe()).toMatch(
      /^halfband 96000->48000 .*, halfband 48000->24000 .*, polyphase 24000->16000/,
    );
    expect(new Resampler(22050, 16000).describe()).toMatch(/^polyphase 22050->16000/);
    expect(new Resampler(8000, 16000).describe()).toMatch(/^polyphase 8000->16000/);
  });

  it('gives the same output whatever the chunking (state carries across calls)', () => {
    const rnd = mulberry32(7);
    const x = Float32Array.from({ length: 44100 }, () => rnd() * 2 - 1);
    for (const rate of [44100, 22050]) {
      const whole = resample(x, rate, 16000);
      for (const chunk of [1, 7, 441, 10000]) {
        const parts = resample(x, rate, 16000, chunk);
        expect(parts.length).toBe(whole.length);
        let maxDiff = 0;
        for (let i = 0; i < whole.length; i++) maxDiff = Math.max(maxDiff, Math.abs(parts[i] - whole[i]));
        expect(maxDiff).toBe(0);
      }
    }
  });

  it.each([
    [44100, 16000, 44100, 16000],
    [8000, 16000, 8001, 16002],
    [48000, 16000, 1, 1],
    [96000, 16000, 7, 2],
    [44100, 16000, 3, 2],
    [44101, 16000, 1000, 363],
    [16000, 16000, 5, 5],
  ])('%i -> %i: %i inputs give ceil(n * out / in) = %i outputs', (inRate, outRate, n, expected) => {
    expect(resample(new Float32Array(n).fill(0.25), inRate, outRate).length).toBe(expected);
  });

  it('keeps a constant signal constant (unit DC gain in every phase), away from the edges', () => {
    const y = resample(new Float32Array(44100).fill(0.3), 44100, 16000);
    for (let i = 400; i < y.length - 400; i += 37) expect(y[i]).toBeCloseTo(0.3, 5);
  });

  it('handles odd rates through the interpolated table (44 101 Hz and 540 288 Hz)', () => {
    for (const rate of [44101, 540288]) {
      const x = Float32Array.from(
        { length: rate / 2 },
        (_, i) => 0.5 * Math.sin((2 * Math.PI * 1000 * i) / rate),
      );
      const y = resample(x, rate, 16000);
      for (let i = 2000; i < y.length - 2000; i += 101)
        expect(y[i]).toBeCloseTo(0.5 * Math.sin((2 * Math.PI * 1000 * i) / 16000), 3);
    }
  });

  it('uses a Bessel I0 close to the exact series', () => {
    for (const x of [0, 0.5, 3.7, 3.8, 7.857, 12])
      expect(Math.abs(besselI0(x) / besselI0Series(x) - 1)).toBeLessThan(3e-7);
  });

  it('rejects non-integer or non-positive rates', () => {
    expect(() => new Resampler(0, 16000)).toThrow(RangeError);
    expect(() => new Resampler(44100.5, 16000)).toThrow(RangeError);
  });
});
