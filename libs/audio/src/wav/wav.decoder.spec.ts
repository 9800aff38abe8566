import { BufferByteSource } from '../io/byte-source';
import { resolveLimits } from '../audio.types';
import { encodeWav, sine } from './wav-encoder';
import { peakFrequency, rms, toneAmplitude } from '../testing/tone-analysis';
import { SampleEncoding } from './wav-format';
import { WavDecoder } from './wav.decoder';

const limits = resolveLimits();
const dec = new WavDecoder();
const decode = (bytes: Uint8Array) => dec.decode(new BufferByteSource(bytes), limits);

const TOL: Record<SampleEncoding, number> = {
  u8: 1 / 64,
  s16: 1e-4,
  s24: 1e-6,
  s32: 1e-6,
  f32: 1e-7,
  f64: 1e-7,
};

describe('WavDecoder', () => {
  const x = sine(440, 16000, 0.25, 0.6);

  describe.each(['u8', 's16', 's24', 's32', 'f32', 'f64'] as SampleEncoding[])('%s', (encoding) => {
    it.each([false, true])('decodes 16 kHz mono (extensible=%s) to the same samples', async (extensible) => {
      const out = await decode(encodeWav([x], { sampleRate: 16000, encoding, extensible }));
      expect(out.sampleRate).toBe(16000);
      expect(out.samples.length).toBe(x.length);
      let maxErr = 0;
      for (let i = 0; i < x.length; i++) maxErr = Math.max(maxErr, Math.abs(out.samples[i] - x[i]));
      expect(maxErr).toBeLessThanOrEqual(TOL[encoding]);
      expect(out.source).toMatchObject({
        format: 'wav',
        sampleRate: 16000,
        channels: 1,
        bitsPerSample: { u8: 8, s16: 16, s24: 24, s32: 32, f32: 32, f64: 64 }[encoding],
      });
      expect(out.source.codec).toBe(
        {
          u8: 'pcm_u8',
          s16: 'pcm_s16le',
          s24: 'pcm_s24le',
          s32: 'pcm_s32le',
          f32: 'pcm_f32le',
          f64: 'pcm_f64le',
        }[encoding],
      );
    });
  });

  it('downmixes stereo and 6 channels by averaging', async () => {
    const l = sine(440, 16000, 0.1, 0.8);
    const r = sine(440, 16000, 0.1, -0.4);
    const out = await decode(encodeWav([l, r], { sampleRate: 16000, encoding: 'f32' }));
    for (let i = 0; i < l.length; i += 97) expect(out.samples[i]).toBeCloseTo((l[i] + r[i]) / 2, 6);
    const six = [l, r, l, r, l, new Float32Array(l.length)];
    const out6 = await decode(encodeWav(six, { sampleRate: 16000, encoding: 's16', extensible: true }));
    expect(out6.source.channels).toBe(6);
    for (let i = 0; i < l.length; i += 97) expect(out6.samples[i]).toBeCloseTo((3 * l[i] + 2 * r[i]) / 6, 3);
  });

  it.each([
    [44100, 's16'],
    [8000, 's16'],
    [48000, 's24'],
    [22050, 'f32'],
  ] as [number, SampleEncoding][])(
    'resamples a 1 kHz sine from %i Hz (%s) keeping frequency and amplitude',
    async (rate, encoding) => {
      const out = await decode(
        encodeWav([sine(1000, rate, 1, 0.5), sine(1000, rate, 1, 0.5)], { sampleRate: rate, encoding }),
      );
      expect(out.samples.length).toBe(16000);
      expect(out.durationSec).toBeCloseTo(1, 6);
      expect(out.source.sampleRate).toBe(rate);
      expect(peakFrequency(out.samples, 16000, 900, 1100, 10)).toBe(1000);
      expect(toneAmplitude(out.samples, 1000, 16000, 1000, 15000)).toBeCloseTo(0.5, 3);
    },
  );

  it('attenuates a tone above the new Nyquist (44.1 kHz -> 16 kHz)', async () => {
    for (const f of [8200, 9000, 12000]) {
      const out = await decode(encodeWav([sine(f, 44100, 0.5, 0.5)], { sampleRate: 44100, encoding: 'f32' }));
      // -80 dB design; allow margin: below -70 dB re 0.5 amplitude.
      expect(rms(out.samples, 500, out.samples.length - 500)).toBeLessThan(0.5 * 10 ** (-70 / 20));
    }
  });

  it('accepts WAVE_FORMAT_EXTENSIBLE with fewer valid bits than the container (20 in 24, 12 in 16)', async () => {
    for (const [encoding, valid, tol] of [
      ['s24', 20, 1e-6],
      ['s16', 12, 1e-4],
    ] as [SampleEncoding, number, number][]) {
      const bytes = encodeWav([x], { sampleRate: 16000, encoding, extensible: true });
      new DataView(bytes.buffer).setUint16(12 + 8 + 18, valid, true);
      const out = await decode(bytes);
      expect(out.source.bitsPerSample).toBe(valid);
      expect(Math.abs(out.samples[123] - x[123])).toBeLessThan(tol);
    }
  });

  it('walks unknown chunks, odd sizes and padding', async () => {
    const odd = sine(300, 16000, 0.01, 0.5).subarray(0, 101); // 101 u8 samples: odd data size, padded
    const bytes = encodeWav([odd], {
      sampleRate: 16000,
      encoding: 'u8',
      junkBefore: 13,
      listBetween: 'INFOISFT odd',
    });
    const out = await decode(bytes);
    expect(out.samples.length).toBe(101);
  });

  it('treats an open-ended data size (streaming writers) as "to the end of the file"', async () => {
    const bytes = encodeWav([x], { sampleRate: 16000, encoding: 's16' });
    new DataView(bytes.buffer).setUint32(40, 0xffffffff, true);
    expect((await decode(bytes)).samples.length).toBe(x.length);
  });

  it('reads headerless PCM16 at a given rate and channel count', async () => {
    const wav = encodeWav([x, x], { sampleRate: 16000, encoding: 's16' });
    const raw = wav.subarray(44);
    const out = await dec.decodeRawPcm16(
      new BufferByteSource(raw),
      { sampleRate: 16000, channels: 2 },
      limits,
    );
    expect(out.source).toMatchObject({ format: 'raw', codec: 'pcm_s16le', channels: 2, sampleRate: 16000 });
    expect(out.samples.length).toBe(x.length);
    expect(out.samples[100]).toBeCloseTo(x[100], 4);
  });

  it('gives the same result when read in many chunks (file larger than one read)', async () => {
    // 3 s of 48 kHz stereo s24 = 864 kB; 44.1 kHz f64 stereo 2 s = 1.4 MB (crosses the 1 MiB read size).
    const a = sine(1234, 44100, 2, 0.3);
    const out = await decode(encodeWav([a, a], { sampleRate: 44100, encoding: 'f64' }));
    expect(out.samples.length).toBe(Math.ceil((a.length * 16000) / 44100));
    expect(toneAmplitude(out.samples, 1234, 16000, 1000, out.samples.length - 1000)).toBeCloseTo(0.3, 3);
  });
});
