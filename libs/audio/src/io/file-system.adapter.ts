import { open, writeFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileHandle } from 'node:fs/promises';
import { ByteSource } from './byte-source';
import { audioError } from '../audio-errors';

class FileByteSource implements ByteSource {
  constructor(
    private readonly fh: FileHandle,
    readonly size: number,
  ) {}

  async read(target: Uint8Array, position: number, length = target.length): Promise<number> {
    const { bytesRead } = await this.fh.read(target, 0, Math.min(length, target.length), position);
    return bytesRead;
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}

/** The audio library's only door to the filesystem: opening inputs by descriptor and scratch files for ffmpeg. */
export class FileSystemAdapter {
  /** `tmpDir`: where scratch directories go (the OS temp dir when unset); nothing is written anywhere else. */
  constructor(private readonly tmpDir?: string) {}

  /** Opens a regular file for chunked reads; missing or unreadable files become NOT_FOUND / INVALID_ARGUMENT. */
  async open(path: string): Promise<ByteSource> {
    let fh: FileHandle;
    try {
      fh = await open(path, 'r');
    } catch (err) {
      throw fsError(err, path);
    }
    try {
      const st = await fh.stat();
      if (!st.isFile()) throw audioError('INVALID_ARGUMENT', `Not a regular file: ${baseName(path)}`);
      return new FileByteSource(fh, st.size);
    } catch (err) {
      await fh.close();
      throw fsError(err, path);
    }
  }

  /** Writes bytes to a private scratch file; the caller must `removeTemp` it. */
  async writeTemp(bytes: Uint8Array, ext = ''): Promise<string> {
    const dir = await mkdtemp(join(this.tmpDir || tmpdir(), 'earshot-audio-'));
    const file = join(dir, `input${ext}`);
    try {
      await writeFile(file, bytes, { mode: 0o600 });
    } catch (err) {
      // A full disk must not leave a half-written upload behind.
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
    return file;
  }

  async removeTemp(file: string): Promise<void> {
    await rm(join(file, '..'), { recursive: true, force: true });
  }
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function fsError(err: unknown, path: string): Error {
  if (err && typeof err === 'object' && 'name' in err && (err as Error).name === 'EarshotError')
    return err as Error;
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return audioError('NOT_FOUND', `No such file: ${baseName(path)}`);
  if (code === 'EISDIR') return audioError('INVALID_ARGUMENT', `Not a regular file: ${baseName(path)}`);
  if (code === 'EACCES' || code === 'EPERM')
    return audioError('INVALID_ARGUMENT', `Cannot read ${baseName(path)}: permission denied`);
  return audioError('INVALID_ARGUMENT', `Cannot read ${baseName(path)}`, { code });
}
