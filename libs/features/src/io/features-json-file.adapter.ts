import { FileHandle, open } from 'fs/promises';
import { EarshotError } from '@earshot/contracts';
import { FeatureMatrix } from '../features.types';

const ROWS_PER_WRITE = 256;

/** 9 significant digits round-trip any float32; Number() then prints the shortest form of that. */
function num(v: number): string {
  return String(Number(v.toPrecision(9)));
}

function cannotWrite(path: string, err: unknown): EarshotError {
  const code = (err as NodeJS.ErrnoException)?.code ?? 'write failed';
  return new EarshotError('INVALID_ARGUMENT', `cannot write ${path}: ${code}`, 'out');
}

/**
 * Writes `{"frames": T, "dim": D, "data": [row-major numbers]}` (the `earshot features --out` format),
 * in blocks of rows so an hour of features never becomes one giant string.
 */
export async function writeFeaturesJsonFile(path: string, feats: FeatureMatrix): Promise<void> {
  let file: FileHandle;
  try {
    file = await open(path, 'w');
  } catch (err) {
    throw cannotWrite(path, err);
  }
  try {
    const { data, frames, dim } = feats;
    await file.write(`{"frames":${frames},"dim":${dim},"data":[`);
    for (let t0 = 0; t0 < frames; t0 += ROWS_PER_WRITE) {
      const t1 = Math.min(frames, t0 + ROWS_PER_WRITE);
      const parts: string[] = [];
      for (let i = t0 * dim; i < t1 * dim; i++) parts.push(num(data[i]));
      await file.write((t0 > 0 ? ',' : '') + parts.join(','));
    }
    await file.write(']}\n');
  } catch (err) {
    throw cannotWrite(path, err);
  } finally {
    await file.close();
  }
}
