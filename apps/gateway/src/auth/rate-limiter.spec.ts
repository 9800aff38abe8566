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
});
