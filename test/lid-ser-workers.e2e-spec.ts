import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createAudioDecoder } from '@earshot/audio';
import { EarshotError, LidJobResult, SegmentClassifyJobData, SerJobResult } from '@earshot/contracts';
import { BullMqQueueDriver, HealthRegistry, loadConfig, RedisAudioStore } from '@earshot/platform';
import { LidConfig } from '../apps/lid/src/lid.config';
import { LidEngine } from '../apps/lid/src/lid-engine.service';
import { LidModule } from '../apps/lid/src/lid.module';
import { SerConfig } from '../apps/ser/src/ser.config';
import { SerEngine } from '../apps/ser/src/ser-engine.service';
import { SerModule } from '../apps/ser/src/ser.module';

jest.setTimeout(120_000);

const REPO = resolve(__dirname, '..');
const SHARED = process.env.EARSHOT_SHARED_DATA ?? resolve(REPO, '..', 'shared', 'data');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// VAL speakers only (never trained on): two RAVDESS actors, two Korean emotiontts speakers
const CLIPS = [
  { lang: 'en', path: 'audio/ravdess/wav/Actor_17/03-01-05-02-01-01-17.flac' },
  { lang: 'ko', path: 'audio/korean_emotiontts/wav/nen/nen00201.flac' },
  { lang: 'en', path: 'audio/ravdess/wav/Actor_18/03-01-03-01-02-02-18.flac' },
  { lang: 'ko', path: 'audio/korean_emotiontts/wav/ned/ned00101.flac' },
];
const SER_LABELS = ['neutral', 'happy', 'sad', 'angry'];

function sumOf(s: Record<string, number>): number {
  return Object.values(s).reduce((a, b) => a + b, 0);
}

describe('lid and ser workers on BullMQ (real Redis, shipped models)', () => {
  const prefix = `lidser-e2e-${randomUUID()}`;
  const lidQueue = `lid-e2e-${randomUUID()}`;
  const serQueue = `ser-e2e-${randomUUID()}`;
  let lidApp: INestApplication;
  let serApp: INestApplication;
  let producer: BullMqQueueDriver;
  let store: RedisAudioStore;
  let joined: Float32Array;
  const ranges: { start: number; end: number }[] = [];

  beforeAll(async () => {
    producer = new BullMqQueueDriver({ redisUrl: REDIS_URL, prefix });
    store = new RedisAudioStore(REDIS_URL);
    const decoder = createAudioDecoder();
    // the four clips with 0.5 s of silence after each, as one stored recording
    const parts: Float32Array[] = [];
    for (const c of CLIPS)
      parts.push((await decoder.decodeFile(join(SHARED, c.path))).samples, new Float32Array(8000));
    joined = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      if (p.some((v) => v !== 0)) ranges.push({ start: at / 16000, end: (at + p.length) / 16000 });
      joined.set(p, at);
      at += p.length;
    }
    // enqueued before the workers exist: taken only once each model is loaded and warm
    const early = await store.put(
      `early-${prefix}`,
      joined.subarray(0, Math.round(ranges[0].end * 16000)),
      600,
    );
    await producer.add<SegmentClassifyJobData>(lidQueue, 'lid', { audio: early }, { jobId: 'early' });
    await producer.add<SegmentClassifyJobData>(serQueue, 'ser', { audio: early }, { jobId: 'early' });
    const env = { REDIS_URL, MODELS_DIR: join(REPO, 'models') };
    const lidMod = await Test.createTestingModule({
      imports: [
        LidModule.forRoot({
          config: loadConfig(LidConfig, { ...env, LID_QUEUE: lidQueue, LID_CONCURRENCY: '2' }),
          driver: new BullMqQueueDriver({ redisUrl: REDIS_URL, prefix }),
          store: new RedisAudioStore(REDIS_URL),
        }),
      ],
    }).compile();
    const serMod = await Test.createTestingModule({
      imports: [
        SerModule.forRoot({
          config: loadConfig(SerConfig, { ...env, SER_QUEUE: serQueue }),
          driver: new BullMqQueueDriver({ redisUrl: REDIS_URL, prefix }),
          store: new RedisAudioStore(REDIS_URL),
        }),
      ],
    }).compile();
    lidApp = lidMod.createNestApplication({ logger: false });
    serApp = serMod.createNestApplication({ logger: false });
    lidApp.enableShutdownHooks();
    serApp.enableShutdownHooks();
    await Promise.all([lidApp.init(), serApp.init()]);
  });

  afterAll(async () => {
    await lidApp?.close();
    await serApp?.close();
    await producer?.close();
    await store?.close();
  });

  it('the shared data dir is there (CI keeps shared/ beside the clone)', () => {
    expect(existsSync(join(SHARED, CLIPS[0].path))).toBe(true);
  });

  it('loads the shipped models before taking jobs and answers the early job with every label', async () => {
    expect(lidApp.get(LidEngine).modelName).toBe('lid-en-ko');
    expect(serApp.get(SerEngine).modelName).toBe('ser-4class');
    const modelCheck = lidApp
      .get(HealthRegistry)
      .all()
      .find((c) => c.name === 'model');
    expect(await modelCheck?.check()).toEqual({ ok: true, detail: 'lid-en-ko' });
    const lid = await producer.waitForResult<LidJobResult>(lidQueue, 'early', { timeoutMs: 60_000 });
    expect(lid.model).toBe('lid-en-ko');
    expect(lid.labels).toEqual(['en', 'ko']);
    expect(lid.segments).toHaveLength(1);
    expect(lid.segments[0].start).toBe(0);
    expect(lid.segments[0].label).toBe('en');
    const ser = await producer.waitForResult<SerJobResult>(serQueue, 'early', { timeoutMs: 60_000 });
    expect(ser.model).toBe('ser-4class');
    expect(Object.keys(ser.segments[0].scores).sort()).toEqual([...SER_LABELS].sort());
    expect(sumOf(ser.segments[0].scores)).toBeCloseTo(1, 3);
  });

  it('scores each range of one stored recording: language per held-out clip, silence as silence', async () => {
    const ref = await store.put(`joined-${prefix}`, joined, 600);
    const gap = { start: ranges[0].end + 0.05, end: ranges[0].end + 0.45 };
    const data = { audio: ref, ranges: [...ranges, gap] };
    const [lidId, serId] = await Promise.all([
      producer.add(lidQueue, 'lid', data, { jobId: 'joined' }),
      producer.add(serQueue, 'ser', data, { jobId: 'joined' }),
    ]);
    const lid = await producer.waitForResult<LidJobResult>(lidQueue, lidId, { timeoutMs: 60_000 });
    const ser = await producer.waitForResult<SerJobResult>(serQueue, serId, { timeoutMs: 60_000 });
    expect(lid.segments.map((s) => s.label)).toEqual([...CLIPS.map((c) => c.lang), 'silence']);
    lid.segments.slice(0, 4).forEach((s, i) => {
      expect(s.start).toBeCloseTo(ranges[i].start, 3);
      expect(s.end).toBeCloseTo(ranges[i].end, 3);
      expect(sumOf(s.scores)).toBeCloseTo(1, 3);
      expect(s.scores[s.label]).toBeGreaterThan(0.5);
    });
    expect(lid.segments[4].scores).toEqual({ en: 0, ko: 0 });
    expect(ser.segments).toHaveLength(5);
    for (const s of ser.segments.slice(0, 4)) {
      expect(SER_LABELS).toContain(s.label);
      expect(s.scores[s.label]).toBe(Math.max(...Object.values(s.scores)));
    }
    expect(ser.segments[4].label).toBe('silence');
  });

  it.each([
    [
      'bad samples',
      async () => ({ audio: await store.put(`nan-${prefix}`, Float32Array.of(0.1, NaN, 0.2), 600) }),
      'AUDIO_BAD_SAMPLES',
    ],
    [
      'expired audio',
      async () => ({ audio: { key: `gone-${prefix}`, sampleRate: 16000, samples: 16000, durationSec: 1 } }),
      'NOT_FOUND',
    ],
    [
      'a range past the end',
      async () => ({
        audio: await store.put(`short-${prefix}`, new Float32Array(1600), 600),
        ranges: [{ start: 5, end: 6 }],
      }),
      'INVALID_ARGUMENT',
    ],
    [
      'a reversed range',
      async () => ({
        audio: await store.put(`rev-${prefix}`, new Float32Array(16000), 600),
        ranges: [{ start: 0.8, end: 0.2 }],
      }),
      'INVALID_ARGUMENT',
    ],
    ['no audio reference', async () => ({ ranges: [] }), 'INVALID_ARGUMENT'],
  ] as const)(
    'fails the job at once (non-retryable) with a reason on %s, in both workers',
    async (_what, make, code) => {
      const data = (await make()) as unknown as SegmentClassifyJobData;
      for (const queue of [lidQueue, serQueue]) {
        const id = await producer.add(queue, 'x', data, {
          jobId: `bad-${code}-${_what.replace(/\W/g, '')}`,
          attempts: 3,
          backoffMs: 100,
        });
        const err = (await producer
          .waitForResult(queue, id, { timeoutMs: 30_000 })
          .catch((e: unknown) => e)) as EarshotError;
        expect(err).toBeInstanceOf(EarshotError);
        expect(err.code).toBe(code);
        const snap = await producer.getJob(queue, id);
        expect(snap?.state).toBe('failed');
        expect(snap?.attemptsMade).toBe(1);
      }
    },
  );
});
