import { randomUUID } from 'node:crypto';
import { getEventListeners } from 'node:events';
import { EarshotError } from '@earshot/contracts';
import { QueueDriver } from '../queue-driver';

/**
 * The behaviour both drivers must share, run against the in-memory driver (unit) and BullMQ on real Redis (e2e).
 * Each test uses its own queue names.
 */
export function queueDriverContract(name: string, make: () => QueueDriver): void {
  describe(`${name} queue driver`, () => {
    let driver: QueueDriver;
    const q = (s: string) => `test-${s}-${randomUUID()}`;

    beforeEach(() => {
      driver = make();
    });
    afterEach(async () => {
      await driver.close();
    });

    it('runs a job and returns its result', async () => {
      const queue = q('echo');
      await driver.process<{ n: number }, number>(queue, async (job) => job.data.n * 2, { concurrency: 1 });
      const id = await driver.add(queue, 'double', { n: 21 }, { jobId: 'job-1' });
      expect(id).toBe('job-1');
      await expect(driver.waitForResult(queue, id, { timeoutMs: 10_000 })).resolves.toBe(42);
      const snap = await driver.getJob(queue, id);
      expect(snap?.state).toBe('completed');
      expect(snap?.result).toBe(42);
    });

    it('deduplicates by job id', async () => {
      const queue = q('dedupe');
      let runs = 0;
      await driver.add(queue, 'x', { v: 1 }, { jobId: 'same' });
      await driver.add(queue, 'x', { v: 2 }, { jobId: 'same' });
      await driver.process(queue, async (job) => {
        runs++;
        return (job.data as { v: number }).v;
      }, { concurrency: 1 });
      await expect(driver.waitForResult(queue, 'same', { timeoutMs: 10_000 })).resolves.toBe(1);
      expect(runs).toBe(1);
    });

    it('fails bad input at once, with the typed error', async () => {
      const queue = q('bad');
      let runs = 0;
      await driver.process(queue, async () => {
        runs++;
        throw new EarshotError('AUDIO_EMPTY', 'The audio is empty');
      }, { concurrency: 1 });
      const id = await driver.add(queue, 'x', {}, { attempts: 3, backoffMs: 10 });
      const err = await driver.waitForResult(queue, id, { timeoutMs: 10_000 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EarshotError);
      expect((err as EarshotError).code).toBe('AUDIO_EMPTY');
      expect(runs).toBe(1);
      expect((await driver.getJob(queue, id))?.failedReason).toBe('AUDIO_EMPTY: The audio is empty');
    });

    it('retries retryable failures with backoff', async () => {
      const queue = q('retry');
      let runs = 0;
      await driver.process(queue, async (job) => {
        runs++;
        if (job.attemptsMade < 2) throw new EarshotError('DEPENDENCY_UNAVAILABLE', 'try again');
        return 'ok';
      }, { concurrency: 1 });
      const id = await driver.add(queue, 'x', {}, { attempts: 3, backoffMs: 20 });
      await expect(driver.waitForResult(queue, id, { timeoutMs: 10_000 })).resolves.toBe('ok');
      expect(runs).toBe(3);
    });

    it('reports progress', async () => {
      const queue = q('progress');
      await driver.process(queue, async (job) => {
        await new Promise((r) => setTimeout(r, 50));
        await job.updateProgress({ done: 1, total: 2 });
        await new Promise((r) => setTimeout(r, 50));
        return 'done';
      }, { concurrency: 1 });
      const id = await driver.add(queue, 'x', {});
      const seen: unknown[] = [];
      await driver.waitForResult(queue, id, { timeoutMs: 10_000, onProgress: (p) => seen.push(p) });
      expect(seen).toContainEqual({ done: 1, total: 2 });
    });

    it('times out waiting', async () => {
      const queue = q('slow');
      const id = await driver.add(queue, 'x', {});
      const err = await driver.waitForResult(queue, id, { timeoutMs: 200 }).catch((e: unknown) => e);
      expect((err as EarshotError).code).toBe('TIMEOUT');
    });

    it('stops waiting at once when the signal aborts, with its reason, and lets go of the signal', async () => {
      const queue = q('abort');
      const id = await driver.add(queue, 'x', {});
      const ctl = new AbortController();
      const started = Date.now();
      const waiting = driver.waitForResult(queue, id, { timeoutMs: 60_000, signal: ctl.signal }).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 100));
      const reason = new EarshotError('CANCELLED', 'the job was cancelled');
      ctl.abort(reason);
      expect(await waiting).toBe(reason);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(getEventListeners(ctl.signal, 'abort')).toHaveLength(0);
      // The job itself is untouched: only the wait ended.
      expect((await driver.getJob(queue, id))?.state).toBe('waiting');
    });

    it('refuses a wait whose signal has already aborted, as CANCELLED when the reason is untyped', async () => {
      const queue = q('aborted');
      const id = await driver.add(queue, 'x', {});
      const ctl = new AbortController();
      ctl.abort();
      const err = await driver.waitForResult(queue, id, { timeoutMs: 60_000, signal: ctl.signal }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EarshotError);
      expect((err as EarshotError).code).toBe('CANCELLED');
    });

    it('removes its abort listener when the job finishes', async () => {
      const queue = q('abort-done');
      await driver.process(queue, async () => 'ok', { concurrency: 1 });
      const ctl = new AbortController();
      const id = await driver.add(queue, 'x', {});
      await expect(driver.waitForResult(queue, id, { timeoutMs: 10_000, signal: ctl.signal })).resolves.toBe('ok');
      expect(getEventListeners(ctl.signal, 'abort')).toHaveLength(0);
    });

    it('runs a flow: children first, optional failures reported to the parent', async () => {
      const parentQ = q('merge');
      const a = q('a');
      const b = q('b');
      await driver.process(a, async (job) => `a:${(job.data as { x: string }).x}`, { concurrency: 1 });
      await driver.process(b, async () => {
        throw new EarshotError('INFERENCE_FAILED', 'model broke');
      }, { concurrency: 1 });
      await driver.process(parentQ, async (job) => job.childResults(), { concurrency: 1 });
      const id = await driver.addFlow({
        queue: parentQ,
        name: 'merge',
        data: {},
        opts: { jobId: 'req-1-merge' },
        children: [
          { queue: a, name: 'a', data: { x: 'hi' }, opts: { jobId: 'req-1-a' } },
          { queue: b, name: 'b', data: {}, opts: { jobId: 'req-1-b', optional: true, attempts: 1 } },
        ],
      });
      const result = (await driver.waitForResult(parentQ, id, { timeoutMs: 10_000 })) as {
        values: Record<string, unknown>;
        failures: Array<{ jobId: string; reason: string }>;
      };
      expect(result.values).toEqual({ 'req-1-a': 'a:hi' });
      expect(result.failures).toEqual([expect.objectContaining({ jobId: 'req-1-b', reason: 'INFERENCE_FAILED: model broke' })]);
    });

    it('fails the parent when a required child fails', async () => {
      const parentQ = q('merge2');
      const a = q('a2');
      await driver.process(a, async () => {
        throw new EarshotError('AUDIO_TRUNCATED', 'cut short');
      }, { concurrency: 1 });
      let parentRuns = 0;
      await driver.process(parentQ, async () => {
        parentRuns++;
        return 'merged';
      }, { concurrency: 1 });
      const id = await driver.addFlow({
        queue: parentQ,
        name: 'merge',
        data: {},
        children: [{ queue: a, name: 'a', data: {}, opts: { attempts: 1 } }],
      });
      const err = await driver.waitForResult(parentQ, id, { timeoutMs: 10_000 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EarshotError);
      expect(parentRuns).toBe(0);
    });

    it('counts jobs and removes waiting ones', async () => {
      const queue = q('counts');
      await driver.add(queue, 'x', {}, { jobId: 'w1' });
      await driver.add(queue, 'x', {}, { jobId: 'w2' });
      expect((await driver.counts(queue)).waiting).toBe(2);
      expect(await driver.remove(queue, 'w1')).toBe(true);
      expect(await driver.getJob(queue, 'w1')).toBeUndefined();
      expect((await driver.counts(queue)).waiting).toBe(1);
      expect(await driver.ping()).toBe(true);
    });

    it('counts the workers serving a queue', async () => {
      const queue = q('workers');
      expect(await driver.workerCount(queue)).toBe(0);
      const handle = await driver.process(queue, async () => 'ok', { concurrency: 1 });
      expect(await driver.workerCount(queue)).toBe(1);
      await handle.close();
      expect(await driver.workerCount(queue)).toBe(0);
    });

    it('respects priority among waiting jobs', async () => {
      const queue = q('prio');
      const order: string[] = [];
      await driver.add(queue, 'x', { n: 'low' }, { priority: 10 });
      await driver.add(queue, 'x', { n: 'high' }, { priority: 1 });
      const handle = await driver.process(queue, async (job) => {
        order.push((job.data as { n: string }).n);
      }, { concurrency: 1 });
      const deadline = Date.now() + 10_000;
      while (order.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await handle.close();
      expect(order).toEqual(['high', 'low']);
    });
  });
}
