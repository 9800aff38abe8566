import { QueueDriver } from '@earshot/platform';

interface Entry {
  count: number;
  at: number;
  refreshing?: Promise<number>;
}

/**
 * Whether a queue has workers, without a Redis round trip per request: counting workers (BullMQ reads CLIENT LIST)
 * cost about 4 ms a request on a loaded box (`npm run bench:pipeline`). The first ask per queue waits for Redis;
 * later ones answer from the last count and refresh it in the background once it is older than `ttlMs`, so a
 * worker that starts or stops is noticed within about `ttlMs` plus one request. A failed count counts as served:
 * the request then waits for the step at most OPTIONAL_TASK_TIMEOUT_MS instead of dropping it.
 */
export class WorkerPresence {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly driver: QueueDriver,
    private readonly ttlMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async count(queue: string): Promise<number> {
    const e = this.entries.get(queue);
    if (!e) {
      const fresh: Entry = { count: 1, at: -Infinity };
      this.entries.set(queue, fresh);
      return this.refresh(queue, fresh);
    }
    if (this.now() - e.at >= this.ttlMs) void this.refresh(queue, e);
    // Only the very first ask per queue can still be in flight here.
    return e.at === -Infinity && e.refreshing ? e.refreshing : e.count;
  }

  private refresh(queue: string, e: Entry): Promise<number> {
    e.refreshing ??= this.driver
      .workerCount(queue)
      .catch(() => 1)
      .then((n) => {
        e.count = n;
        e.at = this.now();
        e.refreshing = undefined;
        return n;
      });
    return e.refreshing;
  }
}
