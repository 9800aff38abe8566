import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAudioDecoder } from '@earshot/audio';

/** Real corpora live beside the clone (CI) or wherever EARSHOT_SHARED_DATA points. */
export const SHARED_DATA = process.env.EARSHOT_SHARED_DATA ?? join(__dirname, '..', '..', 'shared', 'data');
export const hasSharedData = existsSync(join(SHARED_DATA, 'manifests'));

const decoder = createAudioDecoder();
/** A corpus file as 16 kHz mono PCM, through the project's decoder (ffmpeg for FLAC; 8 kHz FSDD is resampled). */
export async function decode16k(relPath: string): Promise<Float32Array> {
  return (await decoder.decodeFile(join(SHARED_DATA, relPath))).samples;
}

/** Rows of a manifest CSV (no quoted commas in the columns used here). */
export function manifest(name: string): Array<Record<string, string>> {
  const [head, ...rows] = readFileSync(join(SHARED_DATA, 'manifests', name), 'utf8')
    .trim()
    .split('\n');
  const cols = head.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i], v])));
}

export function silence(sec: number): Float32Array {
  return new Float32Array(Math.round(sec * 16000));
}

export function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** `parts` with `gapSec` of digital silence between them and after the last one. */
export function joinWithSilence(parts: Float32Array[], gapSec: number, leadSec = 0): Float32Array {
  const gap = silence(gapSec);
  return concat([silence(leadSec), ...parts.flatMap((p) => [p, gap])]);
}

