import { EarshotError } from '@earshot/contracts';
import { BufferByteSource, ByteSource } from '../io/byte-source';
import { resolveLimits } from '../audio.types';
import { encodeWav, sine } from './wav-encoder';
import { WavDecoder } from './wav.decoder';

const dec = new WavDecoder();
const base = () => encodeWav([sine(440, 16000, 0.1)], { sampleRate: 16000, encoding: 's16' });
const f32 = (values: number[]) =>
  encodeWav([Float32Array.from(values)], { sampleRate: 16000, encoding: 'f32' });

async function code(bytes: Uint8Array | ByteSource, limits = resolveLimits()): Promise<string> {
  const src = bytes instanceof Uint8Array ? new BufferByteSource(bytes) : bytes;
  try {
    await dec.decode(src, limits);
  } catch (err) {
    expect(err).toBeInstanceOf(EarshotError);
    expect((err as EarshotError).message).not.toMatch(/\n/);
    return (err as EarshotError).code;
  }
  return 'ok';
}

/** Header offsets of the canonical 44-byte layout (fmt at 12, 16 bytes; data at 36). */
function patch(fn: (v: DataView) => void, bytes = base()): Uint8Array {
  fn(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return bytes;
}

/** A source of `size` zero bytes behind a real header, without allocating them. */
function hugeSource(header: Uint8Array, size: number): ByteSource {
  return {
    size,
    async read(target, position, length = target.length) {
      const n = Math.max(0, Math.min(length, target.length, size - position));
      target.fill(0, 0, n);
      if (position < header.length)
        target.set(header.subarray(position, Math.min(header.length, position + n)), 0);
      return n;
    },
    async close() {},
  };
}

describe('WAV errors: one typed code per failure', () => {
  it('AUDIO_EMPTY: 0 bytes, a data chunk of 0 bytes, no data chunk', async () => {
    expect(await code(new Uint8Array(0))).toBe('AUDIO_EMPTY');
    expect(await code(encodeWav([new Float32Array(0)], { sampleRate: 16000, encoding: 's16' }))).toBe(
      'AUDIO_EMPTY',
    );
    expect(await code(base().subarray(0, 36))).toBe('AUDIO_EMPTY');
  });

  it('AUDIO_TRUNCATED: data beyond the end of the file, a header cut short', async () => {
    expect(await code(base().subarray(0, 100))).toBe('AUDIO_TRUNCATED');
    expect(await code(base().subarray(0, 30))).toBe('AUDIO_TRUNCATED');
    expect(await code(base().subarray(0, 8))).toBe('AUDIO_TRUNCATED');
    expect(await code(patch((v) => v.setUint32(40, 0x7fff0000, true)))).toBe('AUDIO_TRUNCATED');
  });

  it('AUDIO_NOT_AUDIO: not RIFF, or RIFF but not WAVE', async () => {
    expect(await code(new TextEncoder().encode('hello, this is text and not a wav file at all'))).toBe(
      'AUDIO_NOT_AUDIO',
    );
    expect(await code(patch((v) => v.setUint32(8, 0x20495641, true)))).toBe('AUDIO_NOT_AUDIO'); // 'AVI '
  });

  it('AUDIO_UNSUPPORTED_CODEC: unknown tags, extensible with a foreign GUID, 16-bit float', async () => {
    expect(await code(patch((v) => v.setUint16(20, 0x1234, true)))).toBe('AUDIO_UNSUPPORTED_CODEC');
    const ext = encodeWav([sine(440, 16000, 0.05)], { sampleRate: 16000, encoding: 's16', extensible: true });
    expect(await code(patch((v) => v.setUint8(12 + 8 + 30, 0x42), ext))).toBe('AUDIO_UNSUPPORTED_CODEC');
    expect(await code(patch((v) => v.setUint16(20, 3, true)))).toBe('AUDIO_UNSUPPORTED_CODEC');
  });

  it('marks A-law and friends for the ffmpeg fallback', async () => {
    try {
      await dec.decode(new BufferByteSource(patch((v) => v.setUint16(20, 6, true))), resolveLimits());
      throw new Error('expected failure');
    } catch (err) {
      expect((err as EarshotError).details).toEqual({ ffmpegFallback: true, formatTag: 6 });
    }
  });

  it('AUDIO_ZERO_CHANNELS', async () => {
    expect(await code(patch((v) => v.setUint16(22, 0, true)))).toBe('AUDIO_ZERO_CHANNELS');
  });

  it.each([
    ['0 Hz', (v: DataView) => v.setUint32(24, 0, true)],
    ['1 Hz', (v: DataView) => v.setUint32(24, 1, true)],
    ['999 Hz', (v: DataView) => v.setUint32(24, 999, true)],
    ['800 kHz', (v: DataView) => v.setUint32(24, 800000, true)],
    ['1000 channels', (v: DataView) => v.setUint16(22, 1000, true)],
    ['block align mismatch', (v: DataView) => v.setUint16(32, 3, true)],
    ['block align 0', (v: DataView) => v.setUint16(32, 0, true)],
    ['0 bits', (v: DataView) => v.setUint16(34, 0, true)],
    ['bits beyond the container', (v: DataView) => v.setUint16(34, 24, true)],
    ['fmt shorter than 16 bytes', (v: DataView) => v.setUint32(16, 8, true)],
    ['fmt of 1 MB', (v: DataView) => v.setUint32(16, 1 << 20, true)],
  ])('AUDIO_BAD_HEADER: %s', async (_name, fn) => {
    expect(await code(patch(fn))).toBe('AUDIO_BAD_HEADER');
  });

  it('AUDIO_BAD_HEADER: no fmt chunk', async () => {
    const b = patch((v) => v.setUint32(12, 0x4b4e554a, true)); // 'fmt ' renamed 'JUNK'
    expect(await code(b)).toBe('AUDIO_BAD_HEADER');
  });

  it('AUDIO_BAD_SAMPLES: NaN, infinities and absurd magnitudes in float data', async () => {
    expect(await code(f32([0, 0.5, Number.NaN, 0]))).toBe('AUDIO_BAD_SAMPLES');
    expect(await code(f32([0, Number.POSITIVE_INFINITY]))).toBe('AUDIO_BAD_SAMPLES');
    expect(await code(f32([Number.NEGATIVE_INFINITY, 0]))).toBe('AUDIO_BAD_SAMPLES');
    expect(await code(f32([0, 1e10]))).toBe('AUDIO_BAD_SAMPLES');
    expect(await code(f32([0, 1.5, -2]))).toBe('ok'); // over full scale but plausible: kept as is
  });

  it('AUDIO_TOO_LARGE and AUDIO_TOO_LONG from the limits', async () => {
    expect(await code(base(), resolveLimits({ maxBytes: 100 }))).toBe('AUDIO_TOO_LARGE');
    expect(await code(base(), resolveLimits({ maxDurationSec: 0.05 }))).toBe('AUDIO_TOO_LONG');
  });

  it('AUDIO_TOO_LONG from a header claiming 2^31 samples, before allocating anything for them', async () => {
    // 2^31 frames of 8-bit mono at 8 kHz: 74 hours, a 2 GiB "file" that is never read past the header.
    const header = patch((v) => {
      v.setUint16(22, 1, true);
      v.setUint32(24, 8000, true);
      v.setUint16(32, 1, true);
      v.setUint16(34, 8, true);
      v.setUint32(40, 2 ** 31, true);
    });
    const before = process.memoryUsage().arrayBuffers;
    expect(
      await code(hugeSource(header.subarray(0, 44), 44 + 2 ** 31), resolveLimits({ maxBytes: 2 ** 32 })),
    ).toBe('AUDIO_TOO_LONG');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
  });
});
