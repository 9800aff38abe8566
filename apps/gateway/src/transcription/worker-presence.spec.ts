import { QueueDriver } from '@earshot/platform';
import { WorkerPresence } from './worker-presence';

function fakeDriver(counts: number[]): { driver: QueueDriver; calls: () => number } {
  let calls = 0;
  const driver = {
    workerCount: async () => {
      const n = counts[Math.min(calls, counts.length - 1)];
      calls++;
      if (n < 0) throw new Error('redis down');
      return n;
    },
  } as unknown as QueueDriver;
  return { driver, calls: () => calls };
}

describe('WorkerPresence', () => {
  it('asks Redis once per TTL and answers from the last count in between', async () => {
    let now = 0;
    const { driver, calls } = fakeDriver([0, 2]);
    const presence = new WorkerPresence(driver, 1000, () => now);
    expect(await presence.count('q')).toBe(0);
    now = 500;
    expect(await presence.count('q')).toBe(0);
    expect(calls()).toBe(1);
    // stale: the old count answers at once and a refresh runs in the background
    now = 1500;
    expect(await presence.count('q')).toBe(0);
    await new Promise((r) => setImmediate(r));
    expect(calls()).toBe(2);
    expect(await presence.count('q')).toBe(2);
  });

  it('shares the first count between concurrent asks, keeps queues apart, and counts a failure as served', async () => {
    const { driver, calls } = fakeDriver([3, -1]);
    const presence = new WorkerPresence(driver, 1000, () => 0);
    expect(await Promise.all([presence.count('a'), presence.count('a')])).toEqual([3, 3]);
    expect(calls()).toBe(1);
    expect(await presence.count('b')).toBe(1);
    expect(calls()).toBe(2);
  });
});
