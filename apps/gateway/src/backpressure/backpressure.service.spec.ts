import { InMemoryQueueDriver, loadConfig, QueueCounts } from '@earshot/platform';
import { GatewayConfig } from '../gateway.config';
import { BackpressureService, OverloadedError } from './backpressure.service';
import { QueueDepthCache } from './queue-depth.cache';

function config(env: Record<string, string>): GatewayConfig {
  return loadConfig(GatewayConfig, { API_KEYS: '', ...env });
}

async function refusal(p: Promise<unknown>): Promise<OverloadedError> {
  try {
    await p;
  } catch (e) {
    return e as OverloadedError;
  }
  throw new Error('expected a refusal');
}

describe('BackpressureService', () => {
  it('refuses past the in-flight limit with OVERLOADED and Retry-After, and admits again after a release', async () => {
    const driver = new InMemoryQueueDriver();
    const bp = new BackpressureService(config({ MAX_INFLIGHT_REQUESTS: '2', OVERLOAD_RETRY_AFTER_SECONDS: '3' }), driver);
    const a = await bp.admit('transcribe');
    await bp.admit('transcribe');
    const err = await refusal(bp.admit('transcribe'));
    expect(err).toBeInstanceOf(OverloadedError);
    expect(err).toMatchObject({ code: 'OVERLOADED', status: 429, retryAfterSec: 3 });
    a.release();
    a.release(); // idempotent: a second release must not free a slot it does not hold
    expect(bp.held('transcribe')).toBe(1);
    await bp.admit('transcribe');
    await expect(bp.admit('transcribe')).rejects.toMatchObject({ code: 'OVERLOADED' });
    // The firmware lane is separate: a full transcription lane does not refuse a camera.
    await expect(bp.admit('cry')).resolves.toBeDefined();
    await driver.close();
  });

  it('refuses while the queue holds MAX_QUEUE_DEPTH waiting jobs, counting admissions between refreshes', async () => {
    const driver = new InMemoryQueueDriver();
    const bp = new BackpressureService(
      config({ MAX_QUEUE_DEPTH: '3', MAX_INFLIGHT_REQUESTS: '100', ASR_QUEUE: 'bp-asr', QUEUE_DEPTH_CACHE_MS: '10000' }),
      driver,
    );
    await driver.add('bp-asr', 'asr', {});
    // One job waiting: two more admissions fill the lane even though the cached count is not refreshed yet.
    await bp.admit('transcribe');
    await bp.admit('transcribe');
    const err = await refusal(bp.admit('transcribe'));
    expect(err.message).toContain('queue is full');
    expect(bp.held('transcribe')).toBe(2);
    await driver.close();
  });
});

describe('QueueDepthCache', () => {
  it('asks the driver at most once per TTL however many requests arrive, and keeps the last value on errors', async () => {
    let now = 0;
    let calls = 0;
    let waiting = 5;
    let broken = false;
    const driver = {
      counts: async (): Promise<QueueCounts> => {
        calls++;
        if (broken) throw new Error('redis down');
        return { waiting, active: 1, delayed: 2, failed: 0, completed: 9 };
      },
    } as unknown as InMemoryQueueDriver;
    const cache = new QueueDepthCache(driver, 250, () => now);
    const depths = await Promise.all(Array.from({ length: 100 }, () => cache.depth('q')));
    expect(new Set(depths)).toEqual(new Set([7]));
    expect(calls).toBe(1);
    cache.admitted('q');
    expect(await cache.depth('q')).toBe(8);
    now += 249;
    expect(await cache.depth('q')).toBe(8);
    expect(calls).toBe(1);
    waiting = 0;
    now += 1;
    expect(await cache.depth('q')).toBe(2); // the admitted request is in the fresh count now
    expect(calls).toBe(2);
    broken = true;
    now += 250;
    expect(await cache.depth('q')).toBe(2);
    expect(calls).toBe(3);
  });
});
