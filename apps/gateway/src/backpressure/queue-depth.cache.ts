import { QueueDriver } from '@earshot/platform';

interface Entry {
  /** Jobs waiting (incl. prioritised and waiting for children) and delayed, at the last refresh. */
  depth: number;
  at: number;
  /** Requests admitted since the refresh started: not yet in `depth`, so counted here. */
  admitted: number;
  refreshing?: Promise<void>;
}

/**
 * Queue depth for admission decisions without a Redis round trip per request: the driver's counts are refreshed
 * at most once per `ttlMs` per queue (requests arriving during a refresh share it), and the requests admitted
 * since are added so a burst between two refreshes cannot overshoot the limit.
 */
export class QueueDepthCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly driver: QueueDriver,
    private readonly ttlMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The estimated depth of `queue`; waits for Redis only when the last count is older than the TTL. */
  async depth(queue: string): Promise<number> {
    let e = this.entries.get(queue);
    if (!e) {
      e = { depth: 0, at: -Infinity, admitted: 0 };
      this.entries.set(queue, e);
    }
    if (this.now() - e.at >= this.ttlMs) await this.refresh(queue, e);
    return e.depth + e.admitted;
  }

  /** Counts one admitted request against the queue until the next refresh sees its job. */
  admitted(queue: string): void {
    const e = this.entries.get(queue);
    if (e) e.admitted++;
  }

  private refresh(queue: string, e: Entry): Promise<void> {
    e.refreshing ??= (async () => {
      const admittedBefore = e.admitted;
      try {
        const c = await this.driver.counts(queue);
        e.depth = c.waiting + c.delayed;
        e.admitted -= admittedBefore;
      } catch {
        // Redis unreachable: keep the last value; enqueueing will report the outage itself.
      } finally {
        e.at = this.now();
        e.refreshing = undefined;
      }
    })();
    return e.refreshing;
  }
}
