import { EarshotError } from '@earshot/contracts';
import { FbankProcessor } from './fbank.processor';
import { FbankStream } from './fbank-stream';
import { numFbankFrames, resolveFbankOptions } from './fbank-options';

function noise(n: number, seed = 7): Float32Array {
  const out = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = (s / 2147483648 - 0.5) * 0.5 + 0.3 * Math.sin(i * 0.05);
  }
  return out;
}

describe('FbankProcessor', () => {
  const fbank = new FbankProcessor();

  it('counts frames like Kaldi with snip_edges (spec §1.5)', () => {
    for (const [n, t] of [
      [0, 0],
      [399, 0],
      [400, 1],
      [959, 4],
      [1360, 7],
      [16000, 98],
      [480000, 2998],
    ]) {
      expect(fbank.numFrames(n)).toBe(t);
    }
    expect(fbank.compute(new Float32Array(16000)).data.length).toBe(98 * 80);
  });

  it('floors silence at log(FLT_EPSILON)', () => {
    const f = fbank.compute(new Float32Array(400));
    expect(f.data[0]).toBeCloseTo(Math.log(1.1920928955078125e-7), 5);
  });

  it('gives the same frames for float32 and float64 input', () => {
    const x = noise(3000);
    const a = fbank.compute(x);
    const b = fbank.compute(Float64Array.from(x));
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
  });

  it('is deterministic and reusable across calls', () => {
    const x = noise(5000);
    const first = fbank.compute(x);
    fbank.compute(noise(7000, 99));
    expect(Array.from(fbank.compute(x).data)).toEqual(Array.from(first.data));
  });

  it('rejects NaN and infinite samples with a typed error', () => {
    const x = noise(1000);
    x[500] = NaN;
    expect(() => fbank.compute(x)).toThrow(EarshotError);
    x[500] = Infinity;
    try {
      fbank.compute(x);
      throw new Error('expected a failure');
    } catch (err) {
      expect((err as EarshotError).code).toBe('AUDIO_BAD_SAMPLES');
    }
  });

  it('validates its options with INVALID_ARGUMENT', () => {
    const bad: Array<Record<string, unknown>> = [
      { sampleRate: 0 },
      { numMelBins: 0 },
      { numMelBins: 2.5 },
      { frameShiftMs: 0 },
      { windowType: 'kaiser' },
      { lowFreq: 9000 },
      { highFreq: 9000 },
      { lowFreq: 4000, highFreq: 3000 },
      { preemphCoeff: 2 },
      { sampleScale: -1 },
    ];
    for (const o of bad) {
      expect(() => resolveFbankOptions(o)).toThrow(EarshotError);
    }
    const o = resolveFbankOptions({ sampleRate: 8000 });
    expect([o.windowSize, o.windowShift, o.fftSize, o.highFreqHz]).toEqual([200, 80, 256, 4000]);
    expect(resolveFbankOptions({ highFreq: -400 }).highFreqHz).toBe(7600);
  });

  it('supports other rates and sizes (what the AED/LID/SER models use)', () => {
    const f = new FbankProcessor({ sampleRate: 8000, numMelBins: 64, frameLengthMs: 32, frameShiftMs: 8 });
    const out = f.compute(noise(8000));
    expect(out.dim).toBe(64);
    expect(out.frames).toBe(numFbankFrames(8000, 256, 64));
    expect(out.data.every((v) => Number.isFinite(v))).toBe(true);
  });
});

describe('FbankStream', () => {
  it.each([[1], [159], [160], [400], [1234], [16000]])(
    'matches batch output with chunks of %i samples',
    (chunk) => {
      const x = noise(16000 + 77);
      const batch = new FbankProcessor().compute(x);
      const stream = new FbankStream();
      const parts: number[] = [];
      let frames = 0;
      for (let i = 0; i < x.length; i += chunk) {
        const f = stream.accept(x.subarray(i, i + chunk));
        frames += f.frames;
        for (const v of f.data) parts.push(v);
      }
      expect(frames).toBe(batch.frames);
      expect(stream.framesEmitted).toBe(batch.frames);
      expect(parts).toEqual(Array.from(batch.data));
    },
  );

  it('handles a shift longer than the window', () => {
    const opts = { frameLengthMs: 10, frameShiftMs: 25 };
    const x = noise(5000);
    const batch = new FbankProcessor(opts).compute(x);
    const stream = new FbankStream(opts);
    const parts: number[] = [];
    for (let i = 0; i < x.length; i += 333)
      for (const v of stream.accept(x.subarray(i, i + 333)).data) parts.push(v);
    expect(parts).toEqual(Array.from(batch.data));
  });

  it('starts over after reset', () => {
    const stream = new FbankStream();
    stream.accept(noise(1000));
    stream.reset();
    const f = stream.accept(noise(400, 3));
    expect(f.frames).toBe(1);
    expect(Array.from(f.data)).toEqual(Array.from(new FbankProcessor().compute(noise(400, 3)).data));
  });
});
