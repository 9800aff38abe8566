import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModelPackage } from './model-manifest.loader';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function modelDir(files: Record<string, string>, manifest: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

const base = {
  name: 'm',
  task: 'asr',
  format: 'sensevoice-sherpa',
  licence: 'Apache-2.0',
  frontend: { sampleRate: 16000, featureDim: 80 },
};

describe('loadModelPackage', () => {
  it('loads a valid package and resolves files by role', async () => {
    const dir = modelDir(
      { 'model.onnx': 'weights', 'tokens.txt': 'a 0\n' },
      { ...base, files: [{ role: 'model', path: 'model.onnx', sha256: sha('weights'), bytes: 7 }, { role: 'tokens', path: 'tokens.txt', sha256: sha('a 0\n') }] },
    );
    const pkg = await loadModelPackage(dir);
    expect(pkg.name).toBe('m');
    expect(pkg.file('model')).toBe(join(dir, 'model.onnx'));
    expect(pkg.file('cmvn')).toBeUndefined();
    expect(() => pkg.requireFile('cmvn')).toThrow(expect.objectContaining({ code: 'MODEL_INVALID' }));
  });

  it('names a wrong checksum, a wrong size and a missing file', async () => {
    const files = [{ role: 'model', path: 'model.onnx', sha256: sha('other') }];
    const dir = modelDir({ 'model.onnx': 'weights' }, { ...base, files });
    await expect(loadModelPackage(dir)).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringContaining('checksum') });
    await expect(loadModelPackage(dir, { verify: false })).resolves.toBeDefined();
    const sized = modelDir({ 'model.onnx': 'weights' }, { ...base, files: [{ ...files[0], sha256: sha('weights'), bytes: 99 }] });
    await expect(loadModelPackage(sized)).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringContaining('99') });
    const missing = modelDir({}, { ...base, files });
    await expect(loadModelPackage(missing)).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND', message: expect.stringContaining('model.onnx') });
    await expect(loadModelPackage(join(missing, 'nope'))).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
  });

  it('lists every schema problem at once and refuses paths outside the directory', async () => {
    const dir = modelDir({}, { name: '', task: 'dance', files: [{ role: 'model', path: '../x', sha256: 'zz' }], frontend: {} });
    const err = await loadModelPackage(dir).catch((e) => e);
    expect(err.code).toBe('MODEL_INVALID');
    for (const part of ['"name"', '"task"', '"licence"', 'files[0].path', 'files[0].sha256', 'frontend.sampleRate'])
      expect(err.message).toContain(part);
  });
});
