import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The shared corpora (never committed): EARSHOT_SHARED_DATA, or ../shared/data beside the repository. */
export function sharedDataDir(): string {
  const dir = process.env.EARSHOT_SHARED_DATA ?? resolve(__dirname, '..', '..', '..', 'shared', 'data');
  if (!existsSync(dir)) throw new Error(`shared data not found at ${dir}; set EARSHOT_SHARED_DATA`);
  return dir;
}

export function sharedClip(relative: string): string {
  return join(sharedDataDir(), relative);
}
