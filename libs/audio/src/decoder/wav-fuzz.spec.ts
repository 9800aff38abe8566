import { EarshotError } from '@earshot/contracts';
import { createAudioDecoder } from '../create-audio-decoder';
import { encodeWav, sine } from '../wav/wav-encoder';
import { mulberry32 } from '../testing/prng';
import { SampleEncoding } from '../wav/wav-format';
import { WavDecoder } from '../wav/wav.decoder';
import { BufferByteSource } from '../io/byte-source';
import { DecodedAudio, resolveLimits } from '../audio.types';

const CASES = 5000;
const SEED = 0x5eed;
/** Errors a mutated WAV may legitimately produce; anything else (or a non-EarshotError) fails the test. */
const ALLOWED = new Set([
  'AUDIO_EMPTY',
  'AUDIO_TRUNCATED',
  'AUDIO_NOT_AUDIO',
  'AUDIO_UNSUPPORTED_CODEC',
  'AUDIO_ZERO_CHANNELS',
  'AUDIO_BAD_HEADER',
  'AUDIO_BAD_SAMPLES',
  'AUDIO_TOO_LARGE',
  'AUDIO_TOO_LONG',
  'AUDIO_DECODE_FAILED',
]);
const INTERESTING = [
  0, 1, 2, 3, 8, 16, 0x7f, 0x80, 0xff, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 44100, 768001,
];

function seeds(): Uint8Array[] {
  const enc: [SampleEncoding, number, number, boolean][] = [
    ['s16', 16000, 1, false],
    ['u8', 8000, 2, false],
    ['s24', 44100, 1, true],
    ['f32', 22050, 2, false],
    ['f64', 16000, 1, true],
    ['s32', 48000, 3, false],
  ];
  return enc.map(([encoding, rate, ch, extensible]) =>
    encodeWav(
      Array.from({ length: ch }, () => sine(440, rate, 0.01)),
      { sampleRate: rate, encoding, extensible, listBetween: extensible ? 'INFOtest' : undefined },
    ),
  );
}

function mutate(src: Uint8Array, rnd: () => number): Uint8Array {
  const pick = (n: number) => Math.floor(rnd() * n);
  let b: Uint8Array = src.slice();
  const rounds = 1 + pick(4);
  for (let r = 0; r < rounds; r++) {
    const hdr = Math.min(b.length, 80);
    switch (pick(7)) {
      case 0: // random header byte
        if (hdr) b[pick(hdr)] = pick(256);
        break;
      case 1: {
        // interesting value into an aligned header field
        if (hdr < 8) break;
        const at = pick(hdr - 4) & ~1;
        const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
        const val = INTERESTING[pick(INTERESTING.length)];
        if (rnd() < 0.5) v.setUint16(at, val & 0xffff, true);
        else v.setUint32(at, val >>> 0, true);
        break;
      }
      case 2: // truncate
        b = b.subarray(0, pick(b.length + 1));
        break;
      case 3: {
        // insert random bytes
        const at = pick(b.length + 1);
        const ins = Uint8Array.from({ length: 1 + pick(16) }, () => pick(256));
        const n = new Uint8Array(b.length + ins.length);
        n.set(b.subarray(0, at));
        n.set(ins, at);
        n.set(b.subarray(at), at + ins.length);
        b = n;
        break;
      }
      case 4: {
        // delete a span
        const at = pick(b.length + 1);
        const len = pick(16);
        const n = new Uint8Array(Math.max(0, b.length - len));
        n.set(b.subarray(0, at).subarray(0, n.length));
        if (at + len < b.length) n.set(b.subarray(at + len), at);
        b = n;
        break;
      }
      case 5: // bit flips anywhere
        for (let k = 0; k < 8 && b.length; k++) b[pick(b.length)] ^= 1 << pick(8);
        break;
      case 6: {
        // random body behind a valid-looking RIFF/WAVE prefix
        const n = Uint8Array.from({ length: pick(200) }, () => pick(256));
        const out = new Uint8Array(12 + n.length);
        out.set(b.subarray(0, 12));
        out.set(n, 12);
        b = out;
        break;
      }
    }
  }
  return b;
}

interface FuzzStats {
  ok: number;
  codes: Map<string, number>;
  slowest: number;
  totalMs: number;
}

async function fuzz(
  cases: number,
  seed: number,
  decode: (b: Uint8Array) => Promise<DecodedAudio>,
): Promise<FuzzStats> {
  const rnd = mulberry32(seed);
  const bases = seeds();
  const codes = new Map<string, number>();
  let ok = 0;
  let slowest = 0;
  const started = Date.now();
  for (let i = 0; i < cases; i++) {
    const input = mutate(bases[i % bases.length], rnd);
    const t0 = Date.now();
    try {
      const out = await decode(input);
      ok++;
      expect(out.sampleRate).toBe(16000);
      expect(out.samples.length).toBeGreaterThan(0);
      for (let k = 0; k < out.samples.length; k++) {
        if (!Number.isFinite(out.samples[k])) throw new Error(`case ${i}: non-finite sample at ${k}`);
      }
    } catch (err) {
      if (!(err instanceof EarshotError) || !ALLOWED.has(err.code)) {
        throw new Error(
          `case ${i} (seed ${seed}): unexpected ${err instanceof EarshotError ? err.code : String(err)}`,
        );
      }
      codes.set(err.code, (codes.get(err.code) ?? 0) + 1);
    }
    const dt = Date.now() - t0;
    slowest = Math.max(slowest, dt);
  }
  return { ok, codes, slowest, totalMs: Date.now() - started };
}

describe('WAV fuzz (seeded)', () => {
  it(`${CASES} mutated WAVs through the TS path: finite audio or a typed AUDIO_* error, never a hang`, async () => {
    const wav = new WavDecoder();
    const limits = resolveLimits({ maxDurationSec: 600 });
    const s = await fuzz(CASES, SEED, (b) => wav.decode(new BufferByteSource(b), limits));
    // Both outcomes happen a lot, so the fuzz reaches the sample decoding and not just the first check.
    expect(s.ok).toBeGreaterThan(CASES * 0.05);
    expect(s.codes.size).toBeGreaterThanOrEqual(6);
    // A hang shows up as one case taking many seconds; generous bound (the CI machine is shared and noisy).
    expect(s.slowest).toBeLessThan(10000);
    process.stdout.write(
      `wav fuzz (TS): ${s.ok} decoded, errors ${JSON.stringify(Object.fromEntries(s.codes))}, slowest ${s.slowest} ms, total ${s.totalMs} ms\n`,
    );
  }, 60000);

  it('mutated WAVs through AudioDecoder.decodeBuffer (those no longer RIFF/WAVE go to real ffmpeg)', async () => {
    const decoder = createAudioDecoder();
    const s = await fuzz(120, SEED + 1, (b) =>
      decoder.decodeBuffer(b, {}, { maxDurationSec: 600, timeoutMs: 20000 }),
    );
    expect(s.ok).toBeGreaterThan(0);
    expect(s.slowest).toBeLessThan(20000);
    process.stdout.write(
      `wav fuzz (AudioDecoder): ${s.ok} decoded, errors ${JSON.stringify(Object.fromEntries(s.codes))}, slowest ${s.slowest} ms, total ${s.totalMs} ms\n`,
    );
  }, 120000);
});
