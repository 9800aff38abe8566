import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { EarshotError } from '@earshot/contracts';
import { applyCmvn, cmvnFromVectors, parseAmMvn } from './cmvn';
import { readAmMvnFile } from './cmvn-file.adapter';

const AM_MVN = [
  '<Nnet>',
  '<Splice> 3 3',
  '[ 0 ]',
  '<AddShift> 3 3',
  '<LearnRateCoef> 0 [ -8.5 -10 -12.25 ]',
  '<Rescale> 3 3',
  '<LearnRateCoef> 0 [ 0.5 0.25 2 ]',
  '</Nnet>',
  '',
].join('\n');

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return err instanceof EarshotError ? err.code : 'untyped';
  }
  return 'none';
}

describe('CMVN', () => {
  it('parses am.mvn with the reference rule (tokens [3, len-1))', () => {
    const c = parseAmMvn(AM_MVN);
    expect(Array.from(c.negMean)).toEqual([-8.5, -10, -12.25]);
    expect(Array.from(c.invStddev)).toEqual([0.5, 0.25, 2]);
  });

  it('applies (x + negMean) * invStddev, hand-computed', () => {
    const feats = { data: Float32Array.from([10, 12, 13, 8.5, 10, 12.25]), frames: 2, dim: 3 };
    applyCmvn(feats, parseAmMvn(AM_MVN));
    expect(Array.from(feats.data)).toEqual([0.75, 0.5, 1.5, 0, 0, 0]);
  });

  it('builds from model metadata strings', () => {
    const c = cmvnFromVectors('-1,-2.5', '0.5,4');
    expect(Array.from(c.negMean)).toEqual([-1, -2.5]);
    expect(Array.from(c.invStddev)).toEqual([0.5, 4]);
  });

  it('rejects malformed statistics with typed errors', () => {
    expect(codeOf(() => parseAmMvn('<Nnet>\n</Nnet>'))).toBe('MODEL_INVALID');
    expect(codeOf(() => parseAmMvn(AM_MVN.replace('0.25', 'abc')))).toBe('MODEL_INVALID');
    expect(codeOf(() => parseAmMvn(AM_MVN.replace(' 2 ]', ' 2 3 ]')))).toBe('MODEL_INVALID');
    expect(codeOf(() => parseAmMvn(AM_MVN.replace('<LearnRateCoef> 0 [ -8.5', '[ -8.5')))).toBe(
      'MODEL_INVALID',
    );
    expect(codeOf(() => cmvnFromVectors('1,,2', '1,2,3'))).toBe('MODEL_INVALID');
    expect(codeOf(() => cmvnFromVectors([], []))).toBe('MODEL_INVALID');
    const feats = { data: new Float32Array(4), frames: 1, dim: 4 };
    expect(codeOf(() => applyCmvn(feats, parseAmMvn(AM_MVN)))).toBe('INVALID_ARGUMENT');
  });

  it('reads am.mvn files and reports missing ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmvn-'));
    writeFileSync(join(dir, 'am.mvn'), AM_MVN);
    expect((await readAmMvnFile(join(dir, 'am.mvn'))).negMean.length).toBe(3);
    await expect(readAmMvnFile(join(dir, 'missing.mvn'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(readAmMvnFile(dir)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
