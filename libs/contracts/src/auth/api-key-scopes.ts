import { createHash } from 'node:crypto';

/** What an API key may do; part of the public API (keys are configured with these names). */
export const SCOPES = ['transcribe', 'cry-detection', 'jobs', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** Keys are stored as their sha256 (hex); the key itself never is. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
