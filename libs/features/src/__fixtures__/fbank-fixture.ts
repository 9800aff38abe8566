import { readFileSync } from 'fs';
import { join } from 'path';
import { FbankOptions } from '../fbank/fbank-options';

/** One case of fbank-reference.json (written by scripts/reference/make_fbank_fixtures.py). */
export interface FbankReferenceCase {
  name: string;
  source:
    | { kind: 'int16'; base64: string }
    | { kind: 'zeros'; length: number }
    | { kind: 'square'; length: number; period: number }
    | { kind: 'clip'; path: string; sourceRate?: number };
  options: Partial<FbankOptions>;
  numSamples: number;
  frames: number;
  dim: number;
  frameMeans: string;
  rowIndices: number[];
  rows: string;
}

export interface FbankReference {
  generator: string;
  reference: string;
  cases: FbankReferenceCase[];
}

export function loadFbankReference(): FbankReference {
  return JSON.parse(readFileSync(join(__dirname, 'fbank-reference.json'), 'utf8')) as FbankReference;
}

export function decodeFloat32(b64: string): Float32Array {
  const buf = Buffer.from(b64, 'base64');
  const out = new Float32Array(buf.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = buf.readFloatLE(i * 4);
  return out;
}

/** The samples of a synthetic case, exactly as the Python script built them. */
export function syntheticSamples(c: FbankReferenceCase): Float32Array {
  const src = c.source;
  switch (src.kind) {
    case 'int16': {
      const buf = Buffer.from(src.base64, 'base64');
      const out = new Float32Array(buf.length / 2);
      for (let i = 0; i < out.length; i++) out[i] = buf.readInt16LE(i * 2) / 32768;
      return out;
    }
    case 'zeros':
      return new Float32Array(src.length);
    case 'square': {
      const out = new Float32Array(src.length);
      for (let i = 0; i < out.length; i++) out[i] = i % src.period < src.period >> 1 ? 1 : -1;
      return out;
    }
    case 'clip':
      throw new Error(`${c.name} is a real clip; decode ${src.path} instead`);
  }
}

export interface ParityResult {
  frames: number;
  maxAbsDiff: number;
  maxMeanDiff: number;
}

/** Compares computed features with a reference case: frame count, every frame's mean, the stored rows. */
export function compareWithReference(
  c: FbankReferenceCase,
  data: Float32Array,
  frames: number,
  dim: number,
): ParityResult {
  const refMeans = decodeFloat32(c.frameMeans);
  const refRows = decodeFloat32(c.rows);
  let maxMeanDiff = 0;
  for (let t = 0; t < Math.min(frames, refMeans.length); t++) {
    let s = 0;
    for (let d = 0; d < dim; d++) s += data[t * dim + d];
    maxMeanDiff = Math.max(maxMeanDiff, Math.abs(s / dim - refMeans[t]));
  }
  let maxAbsDiff = 0;
  c.rowIndices.forEach((t, r) => {
    for (let d = 0; d < dim; d++) {
      const diff = Math.abs(data[t * dim + d] - refRows[r * c.dim + d]);
      if (!(diff <= maxAbsDiff)) maxAbsDiff = Number.isNaN(diff) ? Infinity : diff;
    }
  });
  return { frames, maxAbsDiff, maxMeanDiff };
}
