import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClassifierModel, softmaxRows } from './classifier.model';

const REPO = join(__dirname, '..', '..', '..', '..');
const MODEL_DIR = join(REPO, 'models', 'aed-events');

interface Case {
  dims: [number, number, number];
  features: string;
  frameDims: number[];
  frameProbs: string;
  clipDims: number[];
  clipProbs: string;
}

function f32(b64: string): Float32Array {
  const buf = Buffer.from(b64, 'base64');
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('ClassifierModel (shipped aed-events)', () => {
  let model: ClassifierModel;
  beforeAll(async () => {
    model = await ClassifierModel.load(MODEL_DIR);
  });
  afterAll(() => model.close());

  it('reads the manifest into a classifier spec', () => {
    expect(model.labels).toEqual([
      'Cry',
      'Laughter',
      'Cough',
      'Sneeze',
      'Applause',
      'Breath',
      'BGM',
      'Speech',
      'other',
    ]);
    expect(model.fbank.dim).toBe(64);
    expect(model.spec.frameStride).toBe(4);
    expect(model.spec.thresholds.Cry).toBeGreaterThan(0);
  });

  // torch outputs written by scripts/train/aed/train.py at export time
  it('matches torch on the exported parity inputs (dynamic batch and time)', async () => {
    const fixture = JSON.parse(readFileSync(join(__dirname, '__fixtures__', 'aed-parity.json'), 'utf8')) as {
      cases: Case[];
    };
    for (const c of fixture.cases) {
      const [n, t] = c.dims;
      const out = await model.run(f32(c.features), n, t);
      expect([out.batch, out.frames, out.classes]).toEqual(c.frameDims);
      expect(maxAbsDiff(out.clip, f32(c.clipProbs))).toBeLessThan(1e-4);
      expect(maxAbsDiff(out.frame as Float32Array, f32(c.frameProbs))).toBeLessThan(1e-4);
    }
  });

  it('rejects features of the wrong size with a typed error', async () => {
    await expect(model.run(new Float32Array(10), 1, 3)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('softmaxRows', () => {
  it('normalises each row', () => {
    const v = Float32Array.from([0, 0, 1000, 1000, 0, -1000]);
    softmaxRows(v, 3);
    expect(v[0] + v[1] + v[2]).toBeCloseTo(1, 6);
    expect(v[2]).toBeCloseTo(1, 6);
    expect(v[3]).toBeCloseTo(1, 6);
  });
});
