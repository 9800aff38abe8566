import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readOnnxMetadata } from './onnx-metadata.reader';

const FIXTURES = resolve(__dirname, '../../../../test/fixtures/models');

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}

function lenField(field: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(varint((field << 3) | 2)), Buffer.from(varint(payload.length)), payload]);
}

function entry(key: string, value: string): Buffer {
  return lenField(14, Buffer.concat([lenField(1, Buffer.from(key)), lenField(2, Buffer.from(value))]));
}

describe('readOnnxMetadata', () => {
  it('reads the sherpa-onnx SenseVoice metadata of the tiny model', () => {
    const meta = readOnnxMetadata(join(FIXTURES, 'tiny-sensevoice-sherpa/model.onnx'));
    expect(meta.model_type).toBe('sense_voice_ctc');
    expect(meta.vocab_size).toBe('56');
    expect(meta.lfr_window_size).toBe('7');
    expect(meta.lang_en).toBe('4');
    expect(meta.with_itn).toBe('14');
    expect(meta.neg_mean.split(',')).toHaveLength(560);
    expect(meta.inv_stddev.split(',').map(Number).every((v) => v > 0)).toBe(true);
  });

  it('returns no entries for a model without metadata (FunASR export)', () => {
    expect(readOnnxMetadata(join(FIXTURES, 'tiny-sensevoice-funasr/model_quant.onnx'))).toEqual({});
  });

  it('skips a huge graph field without reading it', () => {
    // a sparse 3 GiB "graph" field followed by metadata: only the few bytes around the prefixes are read
    const dir = mkdtempSync(join(tmpdir(), 'onnx-meta-'));
    const path = join(dir, 'big.onnx');
    const graphLen = 3 * 1024 ** 3;
    const head = Buffer.from([0x08, 0x08, ...varint((7 << 3) | 2), ...varint(graphLen)]);
    const tail = Buffer.concat([entry('vocab_size', '25055'), entry('lang_zh', '3')]);
    const fd = openSync(path, 'w');
    writeSync(fd, head, 0, head.length, 0);
    ftruncateSync(fd, head.length + graphLen);
    writeSync(fd, tail, 0, tail.length, head.length + graphLen);
    closeSync(fd);
    try {
      const before = process.memoryUsage().rss;
      expect(readOnnxMetadata(path)).toEqual({ vocab_size: '25055', lang_zh: '3' });
      expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails with MODEL_INVALID on a truncated file and MODEL_NOT_FOUND on a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'onnx-meta-'));
    const full = readFileSync(join(FIXTURES, 'tiny-sensevoice-sherpa/model.onnx'));
    writeFileSync(join(dir, 'cut.onnx'), full.subarray(0, full.length - 100));
    expect(() => readOnnxMetadata(join(dir, 'cut.onnx'))).toThrow(expect.objectContaining({ code: 'MODEL_INVALID' }));
    writeFileSync(join(dir, 'junk.onnx'), Buffer.from('this is not protobuf at all, just text\n'));
    expect(() => readOnnxMetadata(join(dir, 'junk.onnx'))).toThrow(expect.objectContaining({ code: 'MODEL_INVALID' }));
    expect(() => readOnnxMetadata(join(dir, 'missing.onnx'))).toThrow(expect.objectContaining({ code: 'MODEL_NOT_FOUND' }));
  });
});
