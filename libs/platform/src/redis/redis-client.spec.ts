import { createServer } from 'node:net';
import { EarshotError } from '@earshot/contracts';
import { BullMqQueueDriver } from '../queue/bullmq.driver';
import { RedisAudioStore } from '../audio-store/redis-audio.store';
import { createRedis, lostJobAsUnavailable, REDIS_RETRY_AFTER_SEC, whenReady } from './redis-client';

/** A loopback port nothing listens on: every connection attempt is refused. */
async function deadPort(): Promise<number> {
  return new Promise((ok) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

async function failure(p: Promise<unknown>): Promise<EarshotError> {
  try {
    await p;
  } catch (e) {
    return e as EarshotError;
  }
  throw new Error('expected a rejection');
}

describe('Redis unreachable', () => {
  let url: string;
  beforeAll(async () => {
    url = `redis://127.0.0.1:${await deadPort()}`;
  });

  it('whenReady refuses with QUEUE_UNAVAILABLE and a Retry-After hint after a short wait', async () => {
    const redis = createRedis(url, 'fail-fast');
    const t0 = Date.now();
    const err = await failure(whenReady(redis, 'The job queue', 300));
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(err).toMatchObject({ code: 'QUEUE_UNAVAILABLE', status: 503, retryAfterSec: REDIS_RETRY_AFTER_SEC });
    redis.disconnect();
  });

  it('the queue driver refuses enqueues and reports unhealthy at once instead of hanging', async () => {
    const driver = new BullMqQueueDriver({ redisUrl: url, prefix: 'unreachable' });
    const t0 = Date.now();
    expect(await failure(driver.add('q', 'x', {}))).toMatchObject({ code: 'QUEUE_UNAVAILABLE' });
    expect(await failure(driver.addFlow({ queue: 'q', name: 'x', data: {} }))).toMatchObject({ code: 'QUEUE_UNAVAILABLE' });
    expect(await failure(driver.getJob('q', 'a'))).toMatchObject({ code: 'QUEUE_UNAVAILABLE' });
    expect(await driver.ping()).toBe(false);
    expect(Date.now() - t0).toBeLessThan(5000);
    await driver.close();
  });

  it('the audio store refuses writes the same way', async () => {
    const store = new RedisAudioStore(url);
    expect(await failure(store.put('a', new Float32Array(4), 10))).toMatchObject({ code: 'QUEUE_UNAVAILABLE' });
    expect(await store.ping()).toBe(false);
    await store.close();
  });
});

describe('lostJobAsUnavailable', () => {
  it('turns a vanished job into a retryable 503 and leaves other errors alone', () => {
    const lost = lostJobAsUnavailable(new EarshotError('NOT_FOUND', 'No job a in q')) as EarshotError;
    expect(lost).toMatchObject({ code: 'QUEUE_UNAVAILABLE', status: 503, retryAfterSec: REDIS_RETRY_AFTER_SEC });
    const timeout = new EarshotError('TIMEOUT', 'late');
    expect(lostJobAsUnavailable(timeout)).toBe(timeout);
    const plain = new Error('x');
    expect(lostJobAsUnavailable(plain)).toBe(plain);
  });
});
