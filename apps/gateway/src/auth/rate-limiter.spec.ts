import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows a burst, then refills at the rate', () => {
    let now = 0;
    const rl = new RateLimiter(() => now);
    for (let i = 0; i < 60; i++) expect(rl.take('k', 60)).toBe(0);
    expect(rl.take('k', 60)).toBe(1);
    now += 1000;
    expect(rl.take('k', 60)).toBe(0);
    expect(rl.take('k', 60)).toBeGreaterThan(0);
    expect(rl.take('other', 60)).toBe(0);
  });

  it('stays bounded with many clients (open mode buckets per address) without resetting busy ones', () => {
    let now = 0;
    const rl = new RateLimiter(() => now, 100);
    const size = () => (rl as unknown as { buckets: Map<string, unknown> }).buckets.size;
    for (let i = 0; i < 1000; i++) rl.take(`ip:${i}`, 60);
    expect(size()).toBeLessThanOrEqual(100);
    for (let i = 0; i < 2; i++) rl.take('busy', 2);
    now += 1000; // every per-address bucket has refilled by now, 'busy' has not (1 token per 30 s)
    for (let i = 0; i < 50; i++) rl.take(`later:${i}`, 60);
    expect(size()).toBeLessThanOrEqual(100);
    expect(rl.take('busy', 2)).toBeGreaterThan(0);
  });
});
