import { RealFft } from './real-fft';

function naivePower(x: Float64Array, k: number): number {
  let re = 0;
  let im = 0;
  for (let n = 0; n < x.length; n++) {
    const a = (-2 * Math.PI * k * n) / x.length;
    re += x[n] * Math.cos(a);
    im += x[n] * Math.sin(a);
  }
  return re * re + im * im;
}

function load(fft: RealFft, x: Float64Array): void {
  for (let n = 0; n < fft.half; n++) {
    fft.re[fft.bitrev[n]] = x[2 * n];
    fft.im[fft.bitrev[n]] = x[2 * n + 1];
  }
}

describe('RealFft', () => {
  it.each([4, 8, 16, 64, 512, 1024])('matches a direct DFT at size %i', (size) => {
    const fft = new RealFft(size);
    const x = new Float64Array(size);
    let seed = size;
    for (let i = 0; i < size; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      x[i] = seed / 2147483648 - 0.5 + (i === 3 ? 2 : 0);
    }
    load(fft, x);
    const power = new Float64Array(size / 2 + 1);
    fft.powerSpectrum(power, size / 2 + 1);
    for (let k = 0; k <= size / 2; k++) {
      const want = naivePower(x, k);
      expect(Math.abs(power[k] - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, want));
    }
  });

  it('puts a pure tone in its bin', () => {
    const fft = new RealFft(64);
    const x = Float64Array.from({ length: 64 }, (_, n) => Math.cos((2 * Math.PI * 5 * n) / 64));
    load(fft, x);
    const power = new Float64Array(33);
    fft.powerSpectrum(power, 33);
    expect(power[5]).toBeCloseTo(32 * 32, 6);
    expect(power[4]).toBeLessThan(1e-18);
    expect(power[6]).toBeLessThan(1e-18);
  });

  it('rejects sizes that are not powers of two', () => {
    expect(() => new RealFft(400)).toThrow(RangeError);
    expect(() => new RealFft(2)).toThrow(RangeError);
  });
});
