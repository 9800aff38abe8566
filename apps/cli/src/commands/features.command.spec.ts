import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { Command } from 'commander';
import { encodeWav } from '@earshot/audio';
import { FbankProcessor, applyLfr, parseAmMvn } from '@earshot/features';
import { reportError } from '../cli-output';
import { registerFeatures } from './features.command';

const AM_MVN = resolve(__dirname, '../../../../test/fixtures/models/tiny-sensevoice-funasr/am.mvn');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[]): Promise<Run> {
  const program = new Command('earshot').exitOverride().configureOutput({ writeErr: () => undefined });
  registerFeatures(program);
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(((s: string, cb?: () => void) => {
    stdout += s;
    cb?.();
    return true;
  }) as typeof process.stdout.write);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(((s: string) => {
    stderr += s;
    return true;
  }) as typeof process.stderr.write);
  let code = 0;
  try {
    await program.parseAsync(['node', 'earshot', 'features', ...args]);
  } catch (e) {
    code = reportError(e);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return { code, stdout, stderr };
}

describe('earshot features', () => {
  const dir = mkdtempSync(join(tmpdir(), 'features-cli-'));
  // 1.3 s of a 16-bit 16 kHz tone with noise: exact int16 values, so decoded samples are known exactly.
  const samples = Float32Array.from({ length: 20800 }, (_, i) => {
    const v = 0.3 * Math.sin(i * 0.05) + 0.05 * Math.sin(i * 1.7);
    return Math.round(v * 32767) / 32768;
  });
  const wav = join(dir, 'tone.wav');
  writeFileSync(wav, encodeWav([samples], { sampleRate: 16000, encoding: 's16' }));
  const fbank = new FbankProcessor().compute(samples);

  it('writes 80-dim fbank as {frames, dim, data}', async () => {
    const out = join(dir, 'plain.json');
    const r = await run([wav, '--out', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ out, frames: 128, dim: 80 });
    const x = JSON.parse(readFileSync(out, 'utf8'));
    expect([x.frames, x.dim, x.data.length]).toEqual([128, 80, 128 * 80]);
    expect(Float32Array.from(x.data)).toEqual(fbank.data);
  });

  it('stacks with --lfr and normalises with --cmvn', async () => {
    const out = join(dir, 'lfr.json');
    const r = await run([wav, '--lfr', '--cmvn', AM_MVN, '--out', out]);
    expect(r.code).toBe(0);
    const x = JSON.parse(readFileSync(out, 'utf8'));
    expect([x.frames, x.dim]).toEqual([22, 560]);
    const stacked = applyLfr(fbank);
    const cmvn = parseAmMvn(readFileSync(AM_MVN, 'utf8'));
    for (const i of [0, 559, 560, 22 * 560 - 1]) {
      const d = i % 560;
      expect(x.data[i]).toBeCloseTo((stacked.data[i] + cmvn.negMean[d]) * cmvn.invStddev[d], 5);
    }
  });

  it('fails with one line and exit 1 on a missing file, a bad am.mvn or CMVN without LFR', async () => {
    const bad = join(dir, 'bad.mvn');
    writeFileSync(bad, 'not an am.mvn');
    for (const args of [
      [join(dir, 'missing.wav'), '--out', join(dir, 'a.json')],
      [wav, '--cmvn', bad, '--out', join(dir, 'b.json')],
      [wav, '--cmvn', AM_MVN, '--out', join(dir, 'c.json')],
      [wav, '--out', join(dir, 'no', 'dir', 'd.json')],
    ]) {
      const r = await run(args);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^earshot: [A-Z_]+: [^\n]+\n$/);
    }
  });

  it('is a usage error without --out', async () => {
    expect((await run([wav])).code).toBe(2);
  });
});
