import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { hashApiKey } from '@earshot/contracts';
import { createAudioDecoder, encodeWav } from '@earshot/audio';
import { loadConfig } from '@earshot/platform';
import { AedConfig } from '../apps/aed/src/aed.config';
import { AedModule } from '../apps/aed/src/aed.module';
import { GatewayConfig } from '../apps/gateway/src/gateway.config';
import { createGatewayApp } from '../apps/gateway/src/gateway.app';
import { sharedClip } from './support/shared-data';
import { wav16 } from './support/wav';

// The firmware endpoint end to end: real HTTP, real Redis (BullMQ), the real AED worker and the shipped model.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const MODELS_DIR = join(__dirname, '..', 'models');
// A val-split cry the shipped model detects; the model's recall is in its card, this suite tests the endpoint.
const CRY = 'audio/esc50/wav/crying_baby/3-152007-A.flac';
const DONATEACRY = 'audio/donateacry/wav/belly_pain/69BDA5D6-0276-4462-9BF7-951799563728-1436936185-1.1-m-26-bp.flac';
const DOG = 'audio/esc50/wav/dog/1-100032-A.flac';

function pcm16(samples: Float32Array): Buffer {
  const wav = encodeWav([samples], { sampleRate: 16000, encoding: 's16' });
  return Buffer.from(wav.buffer, wav.byteOffset + 44, wav.byteLength - 44);
}


describe('POST /v1/cry-detection (gateway + AED worker on Redis)', () => {
  const cryQueue = `test-cry-${randomUUID()}`;
  const camKey = 'cam-key-for-tests';
  const slowKey = 'slow-key-for-tests';
  const transcribeKey = 'transcribe-only-key';
  let gateway: INestApplication;
  let worker: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;

  beforeAll(async () => {
    const aedConfig = Object.assign(loadConfig(AedConfig, { REDIS_URL, MODELS_DIR }), { cryQueue, aedQueue: `test-aed-${randomUUID()}` });
    @Module({ imports: [AedModule.forRoot({ config: aedConfig })] })
    class WorkerApp {}
    worker = await NestFactory.create(WorkerApp, { logger: false });
    await worker.init();

    const config = Object.assign(
      loadConfig(GatewayConfig, {
        REDIS_URL,
        LOG_LEVEL: 'error',
        API_KEYS: [
          `camera:cry-detection:${hashApiKey(camKey)}`,
          `slow:cry-detection:${hashApiKey(slowKey)}:3`,
          `web:transcribe:${hashApiKey(transcribeKey)}`,
        ].join(','),
        CRY_TIMEOUT_MS: '20000',
      }),
      { cryQueue },
    );
    gateway = await createGatewayApp({ config });
    await gateway.init();
    http = gateway.getHttpServer();
  });

  afterAll(async () => {
    await gateway?.close();
    await worker?.close();
  });

  const post = (key?: string) => {
    const r = request(http).post('/v1/cry-detection');
    return key ? r.set('Authorization', `Bearer ${key}`) : r;
  };

  it('keeps /health open and everything else behind a key', async () => {
    const health = await request(http).get('/health');
    expect(health.status).toBe(200);
    expect(health.body.checks.queue.ok).toBe(true);

    const none = await post().set('Content-Type', 'audio/wav').send(Buffer.alloc(100));
    expect(none.status).toBe(401);
    expect(none.body.error).toMatchObject({ type: 'authentication_error', code: 'UNAUTHORIZED' });

    const wrong = await post('not-a-key').send(Buffer.alloc(100));
    expect(wrong.status).toBe(401);

    const scope = await post(transcribeKey).send(Buffer.alloc(100));
    expect(scope.status).toBe(403);
    expect(scope.body.error.code).toBe('FORBIDDEN');

    const header = await request(http).post('/v1/cry-detection').set('X-API-Key', camKey).set('Content-Type', 'audio/wav').send(Buffer.alloc(0));
    expect(header.status).toBe(400);
  });

  it('detects a crying baby in a FLAC clip', async () => {
    const res = await post(camKey).set('Content-Type', 'audio/flac').send(readFileSync(sharedClip(CRY)));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ crying: true, model: 'aed-events' });
    expect(res.body.score).toBeGreaterThanOrEqual(res.body.threshold);
    expect(res.body.segments.length).toBeGreaterThan(0);
    for (const s of res.body.segments) expect(s.end).toBeGreaterThan(s.start);
  });

  it('answers the same clip sent as raw PCM16 with ?sample_rate=', async () => {
    const audio = await createAudioDecoder().decodeFile(sharedClip(DONATEACRY));
    const res = await post(camKey).query({ sample_rate: 16000 }).set('Content-Type', 'application/octet-stream').send(pcm16(audio.samples));
    expect(res.status).toBe(200);
    expect(res.body.crying).toBe(true);
  });

  it('does not cry wolf on a dog or on silence', async () => {
    const dog = await post(camKey).set('Content-Type', 'audio/flac').send(readFileSync(sharedClip(DOG)));
    expect(dog.status).toBe(200);
    expect(dog.body.crying).toBe(false);
    expect(dog.body.score).toBeLessThan(dog.body.threshold);

    const silence = await post(camKey).set('Content-Type', 'audio/wav').send(wav16(new Float32Array(16000 * 5)));
    expect(silence.status).toBe(200);
    expect(silence.body).toMatchObject({ crying: false, score: 0, segments: [] });
  });

  it('answers bad input with a 4xx in the error envelope, and keeps working', async () => {
    const text = await post(camKey).set('Content-Type', 'audio/wav').send(Buffer.from('this is not audio at all, just text '.repeat(20)));
    expect(text.status).toBeGreaterThanOrEqual(400);
    expect(text.status).toBeLessThan(500);
    expect(text.body.error.code).toMatch(/^AUDIO_/);

    const long = await post(camKey).set('Content-Type', 'audio/wav').send(wav16(new Float32Array(16000 * 31)));
    expect(long.status).toBe(413);
    expect(long.body.error.code).toBe('AUDIO_TOO_LONG');

    const truncated = await post(camKey).set('Content-Type', 'audio/wav').send(wav16(new Float32Array(16000)).subarray(0, 30));
    expect(truncated.status).toBeGreaterThanOrEqual(400);
    expect(truncated.status).toBeLessThan(500);

    const rate = await post(camKey).query({ sample_rate: 'fast' }).send(Buffer.alloc(3200));
    expect(rate.status).toBe(400);
    expect(rate.body.error.param).toBe('sample_rate');

    const multipart = await post(camKey).attach('file', Buffer.from('RIFF'), 'a.wav');
    expect(multipart.status).toBe(400);

    const ok = await post(camKey).set('Content-Type', 'audio/flac').send(readFileSync(sharedClip(CRY)));
    expect(ok.status).toBe(200);
    expect(ok.body.crying).toBe(true);
  });

  it('limits each key to its rate, with Retry-After', async () => {
    const silence = wav16(new Float32Array(1600));
    const codes: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 4; i++) {
      const r = await post(slowKey).set('Content-Type', 'audio/wav').send(silence);
      codes.push(r.status);
      if (r.status === 429) retryAfter = r.headers['retry-after'];
    }
    expect(codes).toEqual([200, 200, 200, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
