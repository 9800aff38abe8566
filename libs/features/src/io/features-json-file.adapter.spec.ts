import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { writeFeaturesJsonFile } from './features-json-file.adapter';

describe('writeFeaturesJsonFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'feats-json-'));

  it('writes the stable {frames, dim, data} shape, float32 values round-tripping', async () => {
    const data = Float32Array.from({ length: 600 * 3 }, (_, i) => Math.log(i + 1e-7) / 7);
    const file = join(dir, 'x.json');
    await writeFeaturesJsonFile(file, { data, frames: 600, dim: 3 });
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { frames: number; dim: number; data: number[] };
    expect(Object.keys(parsed)).toEqual(['frames', 'dim', 'data']);
    expect([parsed.frames, parsed.dim, parsed.data.length]).toEqual([600, 3, 1800]);
    expect(Float32Array.from(parsed.data)).toEqual(data);
  });

  it('writes an empty matrix', async () => {
    const file = join(dir, 'empty.json');
    await writeFeaturesJsonFile(file, { data: new Float32Array(0), frames: 0, dim: 80 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ frames: 0, dim: 80, data: [] });
  });

  it('fails with a typed error when the path cannot be written', async () => {
    await expect(
      writeFeaturesJsonFile(join(dir, 'no', 'such', 'dir.json'), {
        data: new Float32Array(1),
        frames: 1,
        dim: 1,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', param: 'out' });
  });
});
