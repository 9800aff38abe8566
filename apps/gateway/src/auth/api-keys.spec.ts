import { findApiKey, hashApiKey, parseApiKeys } from './api-keys';

describe('API keys', () => {
  const camHash = hashApiKey('cam-secret');
  const adminHash = hashApiKey('admin-secret');

  it('parses hashed entries with scopes and rates', () => {
    const { keys, problems } = parseApiKeys(`camera:cry-detection:${camHash}:600, ops:*:${adminHash}`);
    expect(problems).toEqual([]);
    expect(keys.map((k) => k.name)).toEqual(['camera', 'ops']);
    expect([...keys[0].scopes]).toEqual(['cry-detection']);
    expect(keys[0].ratePerMinute).toBe(600);
    expect(keys[1].scopes.has('admin')).toBe(true);
  });

  it('lists every malformed entry', () => {
    const { keys, problems } = parseApiKeys(`a:transcribe:nothex\nb:fly:${camHash}\nc:jobs:${camHash}:-3\nd`);
    expect(keys).toEqual([]);
    expect(problems).toHaveLength(4);
    expect(problems[1]).toContain('unknown scope');
  });

  it('finds a key by its hash only', () => {
    const { keys } = parseApiKeys(`camera:cry-detection:${camHash}`);
    expect(findApiKey(keys, 'cam-secret')?.name).toBe('camera');
    expect(findApiKey(keys, 'cam-secreT')).toBeUndefined();
    expect(findApiKey(keys, '')).toBeUndefined();
  });
});
