import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AsrJobData, AsrJobResult, EarshotError, QUEUE_NAMES } from '@earshot/contracts';
import { BullMqQueueDriver, loadConfig, RedisAudioStore } from '@earshot/platform';
import { AsrConfig } from '../apps/asr/src/asr.config';
import { AsrModule } from '../apps/asr/src/asr.module';
import { AsrEngine } from '../apps/asr/src/asr-engine.service';
import { REPO } from './asr-fixtures';

jest.setTimeout(60_000);

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function voice(seconds: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * 16000));
  for (let i = 0; i < out.length; i++) {
    const t = i / 16000;
    out[i] = (t % 0.5 < 0.3 ? 0.3 : 0.02) * Math.sin(2 * Math.PI * (140 + 30 * Math.sin(3 * t)) * t);
  }
  return out;
}

describe('asr worker on BullMQ (real Redis)', () => {
  const prefix = `asr-e2e-${randomUUID()}`;
  let app: INestApplication;
  let producer: BullMqQueueDriver;
  let store: RedisAudioStore;

  beforeAll(async () => {
    producer = new BullMqQueueDriver({ redisUrl: REDIS_URL, prefix });
    store = new RedisAudioStore(REDIS_URL);
    // enqueued before the worker exists: it must be taken only once the model is loaded and warm
    const early = await store.put(`early-${prefix}`, voice(2), 600);
    await producer.add<AsrJobData>(QUEUE_NAMES.asr, 'transcribe', { audio: early, language: 'en' }, { jobId: 'early' });
    const config = loadConfig(AsrConfig, {
      REDIS_URL,
      MODELS_DIR: join(REPO, 'test/fixtures/models'),
      ASR_MODEL: 'tiny-sensevoice-sherpa',
      ASR_CONCURRENCY: '2',
      // synthetic tones, not speech: cut at quiet points instead of asking the VAD
      ASR_SEGMENTER: 'energy',
    });
    const mod = await Test.createTestingModule({
      imports: [AsrModule.forRoot({ config, driver: new BullMqQueueDriver({ redisUrl: REDIS_URL, prefix }), store: new RedisAudioStore(REDIS_URL) })],
    }).compile();
    app = mod.createNestApplication({ logger: false });
    app.enableShutdownHooks();
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await producer?.close();
    await store?.close();
  });

  it('loads the configured model before taking jobs and answers with the rich ASR result', async () => {
    expect(app.get(AsrEngine).modelName).toBe('tiny-sensevoice-sherpa');
    const r = await producer.waitForResult<AsrJobResult>(QUEUE_NAMES.asr, 'early', { timeoutMs: 30_000 });
    expect(r.model).toEqual({ name: 'tiny-sensevoice-sherpa', format: 'sensevoice-sherpa', itn: 'none' });
    expect(r.language).toBe('en');
    expect(r.duration).toBe(2);
    expect(r.segments[0].tokens.length).toBeGreaterThan(0);
  });

  it('runs concurrent jobs on the shared session and honours ranges', async () => {
    const ref = await store.put(`many-${prefix}`, voice(12), 600);
    const ids = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        producer.add<AsrJobData>(QUEUE_NAMES.asr, 'transcribe', { audio: ref, ranges: [{ start: i, end: i + 3 }] }, { jobId: `r${i}` }),
      ),
    );
    const results = await Promise.all(ids.map((id) => producer.waitForResult<AsrJobResult>(QUEUE_NAMES.asr, id, { timeoutMs: 30_000 })));
    results.forEach((r, i) => {
      expect(r.segments).toHaveLength(1);
      expect(r.segments[0].start).toBe(i);
      expect(r.segments[0].end).toBe(i + 3);
      for (const t of r.segments[0].tokens) expect(t.start).toBeGreaterThanOrEqual(i);
    });
  });

  it.each([
    ['bad samples', async () => ({ audio: await store.put(`nan-${prefix}`, Float32Array.of(0.1, NaN, 0.2), 600) }), 'AUDIO_BAD_SAMPLES'],
    ['expired audio', async () => ({ audio: { key: `gone-${prefix}`, sampleRate: 16000, samples: 16000, durationSec: 1 } }), 'NOT_FOUND'],
    ['a bad language', async () => ({ audio: await store.put(`lang-${prefix}`, voice(1), 600), language: 'xx' }), 'INVALID_ARGUMENT'],
  ] as const)('fails the job at once (UnrecoverableError) with a reason on %s', async (_what, data, code) => {
    const id = await producer.add(QUEUE_NAMES.asr, 'transcribe', await data(), { jobId: `bad-${code}`, attempts: 3, backoffMs: 100 });
    const err = (await producer.waitForResult(QUEUE_NAMES.asr, id, { timeoutMs: 30_000 }).catch((e: unknown) => e)) as EarshotError;
    expect(err).toBeInstanceOf(EarshotError);
    expect(err.code).toBe(code);
    const snap = await producer.getJob(QUEUE_NAMES.asr, id);
    expect(snap?.state).toBe('failed');
    expect(snap?.attemptsMade).toBe(1);
    expect(snap?.failedReason).toMatch(new RegExp(`^${code}: .+`));
  });
});
