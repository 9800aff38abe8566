import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EarshotError } from '@earshot/contracts';
import { ClassifierModel } from '../classifiers/classifier.model';
import { SegmentClassifier, segmentSpans } from './segment-classifier';

const REPO = join(__dirname, '..', '..', '..', '..');

interface Case {
  dims: [number, number, number];
  features: string;
  probsDims: number[];
  probs: string;
}

function f32(b64: string): Float32Array {
  const buf = Buffer.from(b64, 'base64');
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

const MODELS = [
  { name: 'lid-en-ko', task: 'lid', labels: ['en', 'ko'] },
  { name: 'ser-4class', task: 'ser', labels: ['neutral', 'happy', 'sad', 'angry'] },
];

describe.each(MODELS)('shipped $name', ({ name, task, labels }) => {
  let model: ClassifierModel;
  beforeAll(async () => {
    model = await ClassifierModel.load(join(REPO, 'models', name));
  });
  afterAll(() => model.close());

  it('is a single-label classifier over 64 log-mel bins with the documented labels', () => {
    expect(model.labels).toEqual(labels);
    expect(model.spec.multiLabel).toBe(false);
    expect(model.fbank.dim).toBe(64);
    expect(model.spec.windowing.aggregate).toBe('mean');
  });

  it('matches the torch model it was exported from (parity fixture written by train.py)', async () => {
    const fx = JSON.parse(
      readFileSync(join(__dirname, '..', task, '__fixtures__', `${name}-parity.json`), 'utf8'),
    ) as { cases: Case[] };
    for (const c of fx.cases) {
      const [n, t] = c.dims;
      const out = await model.run(f32(c.features), n, t);
      const want = f32(c.probs);
      expect(out.clip.length).toBe(want.length);
      let diff = 0;
      for (let i = 0; i < want.length; i++) diff = Math.max(diff, Math.abs(out.clip[i] - want[i]));
      expect(diff).toBeLessThan(1e-4);
      for (let b = 0; b < n; b++)
        expect(
          out.clip.subarray(b * labels.length, (b + 1) * labels.length).reduce((a, v) => a + v, 0),
        ).toBeCloseTo(1, 5);
    }
  });
});

describe('SegmentClassifier', () => {
  let sc: SegmentClassifier;
  beforeAll(async () => {
    sc = await SegmentClassifier.load(join(REPO, 'models', 'lid-en-ko'));
  });
  afterAll(() => sc.close());

  const tone = (seconds: number) => {
    const x = new Float32Array(Math.round(seconds * 16000));
    for (let i = 0; i < x.length; i++)
      x[i] = 0.2 * Math.sin((2 * Math.PI * 200 * i) / 16000) * (1 + 0.5 * Math.sin(i / 500));
    return x;
  };

  it('names every label per segment, and silence as "silence" with zero scores', async () => {
    const x = new Float32Array(16000 * 3);
    x.set(tone(1), 16000);
    const segs = await sc.classifySegments(x, [
      { start: 0, end: 0.9 },
      { start: 1, end: 2 },
    ]);
    expect(segs[0]).toEqual({ start: 0, end: 0.9, label: 'silence', scores: { en: 0, ko: 0 } });
    expect(segs[1].start).toBe(1);
    expect(['en', 'ko']).toContain(segs[1].label);
    expect(segs[1].scores.en + segs[1].scores.ko).toBeCloseTo(1, 3);
  });

  it('classifies long audio window by window (bounded work per run)', async () => {
    const [seg] = await sc.classifySegments(tone(21));
    expect(seg.end).toBe(21);
    expect(seg.scores.en + seg.scores.ko).toBeCloseTo(1, 3);
  });

  it('rejects NaN samples with a typed error', async () => {
    await expect(sc.classify(Float32Array.of(0, NaN, 0))).rejects.toMatchObject({
      code: 'AUDIO_BAD_SAMPLES',
    });
  });

  it('refuses a multi-label model', async () => {
    await expect(SegmentClassifier.load(join(REPO, 'models', 'aed-events'))).rejects.toMatchObject({
      code: 'MODEL_INVALID',
    });
  });
});

describe('segmentSpans', () => {
  it('is the whole audio without ranges, and clips ends past the audio', () => {
    expect(segmentSpans(32000, 16000)).toEqual([{ start: 0, end: 2, from: 0, to: 32000 }]);
    expect(segmentSpans(32000, 16000, [{ start: 1.5, end: 9 }])).toEqual([
      { start: 1.5, end: 2, from: 24000, to: 32000 },
    ]);
  });

  it.each([
    [[], 'must not be empty'],
    [[{ start: 1, end: 1 }], 'start < end'],
    [[{ start: -1, end: 1 }], 'start < end'],
    [[{ start: 0, end: Infinity }], 'start < end'],
    [[{ start: 3, end: 4 }], 'past the end'],
    [[{ start: 0, end: 601 }], 'longer than'],
    [[null], 'start < end'],
    ['0-1', 'must be an array'],
  ])('rejects %j', (ranges, msg) => {
    let err: unknown;
    try {
      segmentSpans(32000, 16000, ranges as never);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EarshotError);
    expect((err as EarshotError).code).toBe('INVALID_ARGUMENT');
    expect((err as EarshotError).message).toMatch(msg);
  });
});
