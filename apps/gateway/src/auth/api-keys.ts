import { createHash, timingSafeEqual } from 'node:crypto';
import { SCOPES, Scope } from '@earshot/contracts';

export { hashApiKey, SCOPES } from '@earshot/contracts';
export type { Scope } from '@earshot/contracts';

export interface ApiKeyEntry {
  name: string;
  scopes: ReadonlySet<Scope>;
  /** sha256 of the key, 32 bytes; the key itself is never stored. */
  hash: Buffer;
  /** Requests per minute for this key; undefined means the gateway default. */
  ratePerMinute?: number;
}

/**
 * Parses `API_KEYS`: entries separated by `,` or newlines, each `name:scope+scope:sha256hex[:ratePerMinute]`.
 * `*` as scopes grants every scope. Returns problems instead of throwing so config validation can list them.
 */
export function parseApiKeys(spec: string): { keys: ApiKeyEntry[]; problems: string[] } {
  const keys: ApiKeyEntry[] = [];
  const problems: string[] = [];
  const entries = spec.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
  for (const [i, entry] of entries.entries()) {
    const [name, scopeList, hex, rate, ...rest] = entry.split(':');
    const where = `API_KEYS entry ${i + 1} (${name || 'unnamed'})`;
    if (!name || scopeList === undefined || hex === undefined || rest.length > 0) {
      problems.push(`${where}: expected name:scopes:sha256hex[:ratePerMinute]`);
      continue;
    }
    if (!/^[0-9a-f]{64}$/i.test(hex)) {
      problems.push(`${where}: the hash must be 64 hex characters (sha256 of the key)`);
      continue;
    }
    const scopes = scopeList === '*' ? [...SCOPES] : scopeList.split('+');
    const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
    if (unknown.length > 0) {
      problems.push(`${where}: unknown scope(s) ${unknown.join(', ')}; use ${SCOPES.join(', ')} or *`);
      continue;
    }
    const ratePerMinute = rate === undefined || rate === '' ? undefined : Number(rate);
    if (ratePerMinute !== undefined && (!Number.isInteger(ratePerMinute) || ratePerMinute < 1)) {
      problems.push(`${where}: the rate must be a positive whole number of requests per minute`);
      continue;
    }
    keys.push({ name, scopes: new Set(scopes as Scope[]), hash: Buffer.from(hex.toLowerCase(), 'hex'), ratePerMinute });
  }
  return { keys, problems };
}

/**
 * Finds the entry for a presented key. Compares the sha256 digests in constant time against every entry, so
 * the time taken says nothing about which key or how many characters matched.
 */
export function findApiKey(keys: readonly ApiKeyEntry[], presented: string): ApiKeyEntry | undefined {
  const digest = createHash('sha256').update(presented, 'utf8').digest();
  let found: ApiKeyEntry | undefined;
  for (const k of keys) if (timingSafeEqual(k.hash, digest) && !found) found = k;
  return found;
}
