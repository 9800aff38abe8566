/**
 * Token bucket per key: `ratePerMinute` requests per minute with bursts up to the same number. In-process, so
 * limits are per gateway replica (documented); the clock is injectable for tests.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number; rate: number }>();

  /** `maxBuckets` bounds memory in open mode, where every client address gets a bucket. */
  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly maxBuckets = 10_000,
  ) {}

  /** Takes one token; returns 0 when allowed, else the seconds until a token is available. */
  take(key: string, ratePerMinute: number): number {
    const t = this.now();
    const perMs = ratePerMinute / 60_000;
    if (!this.buckets.has(key) && this.buckets.size >= this.maxBuckets) this.prune(t);
    const b = this.buckets.get(key) ?? { tokens: ratePerMinute, at: t, rate: ratePerMinute };
    b.rate = ratePerMinute;
    b.tokens = Math.min(ratePerMinute, b.tokens + (t - b.at) * perMs);
    b.at = t;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / perMs / 1000);
  }

  /** A bucket that has refilled is the same as no bucket: forget those (and, if all are busy, the oldest). */
  private prune(t: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + (t - b.at) * (b.rate / 60_000) >= b.rate) this.buckets.delete(k);
    while (this.buckets.size >= this.maxBuckets) this.buckets.delete(this.buckets.keys().next().value as string);
  }
}
