/**
 * Token bucket per key: `ratePerMinute` requests per minute with bursts up to the same number. In-process, so
 * limits are per gateway replica (documented); the clock is injectable for tests.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Takes one token; returns 0 when allowed, else the seconds until a token is available. */
  take(key: string, ratePerMinute: number): number {
    const t = this.now();
    const perMs = ratePerMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: ratePerMinute, at: t };
    b.tokens = Math.min(ratePerMinute, b.tokens + (t - b.at) * perMs);
    b.at = t;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / perMs / 1000);
  }
}
