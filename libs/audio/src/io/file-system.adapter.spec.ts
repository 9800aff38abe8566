import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FileSystemAdapter } from './file-system.adapter';

describe('FileSystemAdapter scratch files', () => {
  const root = mkdtempSync(join(tmpdir(), 'earshot-fs-spec-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes them under the configured directory and removes them completely', async () => {
    const fs = new FileSystemAdapter(root);
    const file = await fs.writeTemp(Uint8Array.from([1, 2, 3]), '.mp3');
    expect(dirname(dirname(file))).toBe(root);
    expect(file.endsWith('input.mp3')).toBe(true);
    await fs.removeTemp(file);
    expect(readdirSync(root)).toEqual([]);
  });

  it('leaves nothing behind when the write fails', async () => {
    const fs = new FileSystemAdapter(root);
    // an extension with a path separator makes writeFile fail after mkdtemp succeeded
    await expect(fs.writeTemp(Uint8Array.from([1]), '/no/such/dir')).rejects.toThrow();
    expect(readdirSync(root)).toEqual([]);
  });
});
