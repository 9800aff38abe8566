import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { hashApiKey } from '@earshot/contracts';
import { BullMqQueueDriver, loadConfig } from '@earshot/platform';
import { GatewayConfig } from '../apps/gateway/src/gateway.config';
import { createGatewayApp } from '../apps/gateway/src/gateway.app';
import { envelope } from './support/http';
import { wav16 } from './support/wav';

// Admission control over real HTTP and real Redis (BullMQ). No worker runs, so admitted requests wait until their
// deadline (504) while they hold their slot, and queued jobs stay put: the limits are what answers.
jest.setTimeout(60_000);


const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const KEY = 'esk_test_backpressure_key';
const CACHE_MS = 100;

describe('backpressure: 429 OVERLOADED with Retry-After past the queue-depth and in-flight limits', () => {
  const asrQueue = `bp-asr-${randomUUID()}`;
  const cryQueue = `bp-cry-${randomUUID()}`;
  const driver = new BullMqQueueDriver({ redisUrl: REDIS_URL });
  let app: INestApplication;
  let base: string;
  const clip = wav16(Float32Array.from({ length: 16000 }, (_, i) => 0.2 * Math.sin(i / 7)));

  beforeAll(async () => {
    const config = Object.assign(
      loadConfig(GatewayConfig, {
        REDIS_URL,
        LOG_LEVEL: 'error',
        API_KEYS: `all:transcribe+cry-detection:${hashApiKey(KEY)}`,
        MAX_QUEUE_DEPTH: '4',
        MAX_INFLIGHT_REQUESTS: '2',
        CRY_MAX_INFLIGHT: '1',
        QUEUE_DEPTH_CACHE_MS: String(CACHE_MS),
        OVERLOAD_RETRY_AFTER_SECONDS: '3',
        SYNC_TIMEOUT_MS: '1500',
        CRY_TIMEOUT_MS: '1500',
      }),
      { asrQueue, cryQueue, mergeQueue: `bp-merge-${randomUUID()}`, lidQueue: `bp-lid-${randomUUID()}`, serQueue: `bp-ser-${randomUUID()}`, aedQueue: `bp-aed-${randomUUID()}` },
    );
    app = await createGatewayApp({ config });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await driver.close();
  });

  const transcribe = (path = '/v1/understand') => {
    const form = new FormData();
    form.append('file', new Blob([clip]), 'clip.wav');
    form.append('tasks', 'asr');
    return fetch(`${base}${path}`, { method: 'POST', body: form, headers: { authorization: `Bearer ${KEY}` } });
  };
  const cry = () =>
    fetch(`${base}/v1/cry-detection`, {
      method: 'POST',
      body: wav16(Float32Array.from({ length: 16000 }, () => Math.random() * 0.1)),
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'audio/wav' },
    });

  async function expectOverloaded(res: Response, says: string): Promise<void> {
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    const body = await envelope(res);
    expect(body.error).toMatchObject({ type: 'rate_limit_error', code: 'OVERLOADED', param: null });
    expect(body.error.message).toContain(says);
  }

  async function drain(queue: string): Promise<void> {
    // Jobs left by earlier requests (their deadline passed) and fillers go, and the cached depth expires.
    const { Queue } = await import('bullmq');
    const q = new Queue(queue, { connection: { url: REDIS_URL } });
    await q.obliterate({ force: true });
    await q.close();
    await new Promise((r) => setTimeout(r, CACHE_MS + 50));
  }

  it('holds at most MAX_INFLIGHT_REQUESTS transcriptions open; the next one is refused at once, then admitted again', async () => {
    const held = [transcribe(), transcribe('/v1/audio/transcriptions')];
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    await expectOverloaded(await transcribe(), 'in progress');
    expect(Date.now() - started).toBeLessThan(1000); // refused before the upload is decoded or queued
    const answers = await Promise.all(held);
    expect(answers.map((r) => r.status)).toEqual([504, 504]);
    await drain(asrQueue);
    const again = await transcribe();
    expect(again.status).toBe(504);
  });

  it('refuses while MAX_QUEUE_DEPTH jobs wait on the ASR queue, admits again once it drains', async () => {
    await drain(asrQueue);
    for (let i = 0; i < 4; i++) await driver.add(asrQueue, 'asr', { filler: i });
    await new Promise((r) => setTimeout(r, CACHE_MS + 50));
    await expectOverloaded(await transcribe(), 'queue is full');
    await expectOverloaded(await transcribe('/v1/audio/transcriptions'), 'queue is full');
    expect((await driver.counts(asrQueue)).waiting).toBe(4); // nothing was added by the refused requests

    // The firmware lane has its own queue and limits: a full transcription lane does not refuse a camera.
    const camera = await cry();
    expect(camera.status).toBe(504);

    await drain(asrQueue);
    expect((await transcribe()).status).toBe(504);
  });

  it('the cry lane has its own in-flight limit (CRY_MAX_INFLIGHT)', async () => {
    const first = cry();
    await new Promise((r) => setTimeout(r, 300));
    await expectOverloaded(await cry(), 'cry requests in progress');
    expect((await first).status).toBe(504);
    await drain(cryQueue);
  });
});
