import { readFile, stat } from 'fs/promises';
import { EarshotError } from '@earshot/contracts';
import { Cmvn, parseAmMvn } from './cmvn';

/** A real am.mvn is ~11 kB; anything far larger is not one. */
const MAX_AM_MVN_BYTES = 4 * 1024 * 1024;

/** Reads and parses an `am.mvn` file from disk. */
export async function readAmMvnFile(path: string): Promise<Cmvn> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new EarshotError('NOT_FOUND', `CMVN file is not a regular file: ${path}`, 'cmvn');
    size = s.size;
  } catch (err) {
    if (err instanceof EarshotError) throw err;
    throw new EarshotError('NOT_FOUND', `CMVN file not found: ${path}`, 'cmvn');
  }
  if (size > MAX_AM_MVN_BYTES) {
    throw new EarshotError('MODEL_INVALID', `CMVN file is ${size} bytes; an am.mvn is far smaller`, 'cmvn');
  }
  return parseAmMvn(await readFile(path, 'utf8'));
}
