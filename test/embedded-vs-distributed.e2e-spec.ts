/** @jest-environment ./test/onnx-realm.environment.js */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AudioDecoder } from '@earshot/audio';
import { AsrJobData, AsrJobResult, hashApiKey, isJobProgress, JobProgress, RichTranscript } from '@earshot/contracts';
import { BullMqQueueDriver, loadConfig, RedisAudioStore } from '@earshot/platform';
import { AedConfig } from '../apps/aed/src/aed.config';
import { AedModule } from '../apps/aed/src/aed.module';
import { AsrConfig } from '../apps/asr/src/asr.config';
import { AsrModule } from '../apps/asr/src/asr.module';
import { createEmbeddedPipeline, EmbeddedPipeline } from '../apps/cli/src/embedded/embedded-pipeline';
import { GatewayConfig } from '../apps/gateway/src/gateway.config';
import { createGatewayApp } from '../apps/gateway/src/gateway.app';
import { ItnConfig } from '../apps/itn/src/itn.config';
import { ItnModule } from '../apps/itn/src/itn.module';
import { LidConfig } from '../apps/lid/src/lid.config';
import { LidModule } from '../apps/lid/src/lid.module';
import { SerConfig } from '../apps/ser/src/ser.config';
import { SerModule } from '../apps/ser/src/ser.module';
import { InProcessWorkers } from './support/in-process-workers';
import { sharedClip } from './support/shared-data';

// The same files through the embedded pipeline (one process, in-memory queue and audio store) and through the real
// gateway over HTTP with the ASR, LID, SER and AED workers on real Redis (private key prefix and queue names): the rich
// transcripts must be identical. Nothing is removed before comparing: both modes run the same flow, the same workers
// and the same models on the same PCM, and the merge is deterministic, so any difference is a bug.
jest.setTimeout(120_000);

const REPO = resolve(__dirname, '..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const MODELS_DIR = join(REPO, 'models');
const ASR_MODEL = 'digits-en-ctc';
const FILES = [
  ...readdirSync(join(REPO, 'samples'))
    .filter((f) => f.endsWith('.wav'))
    .map((f) => join(REPO, 'samples', f)),
  // a spoken digit (fsdd), acted English speech (ravdess), a crying baby (esc50): flac through ffmpeg in both modes
  sharedClip('audio/fsdd/george/0_george_0.flac'),
  sharedClip('audio/ravdess/wav/Actor_01/03-01-01-01-01-01-01.flac'),
  sharedClip('audio/esc50/wav/crying_baby/3-152007-A.flac'),
];
const HAVE_MODELS = ['digits-en-ctc', 'lid-en-ko', 'ser-4class', 'aed-events'].every((m) =>
  existsSync(join(MODELS_DIR, m, 'manifest.json')),
);
if (!HAVE_MODELS) console.warn('SKIPPED: a shipped model is missing, embedded vs distributed cannot run');
const describeIf = HAVE_MODELS ? describe : describe.skip;

describeIf('embedded and distributed modes give the same rich transcript', () => {
  const prefix = `emb-e2e-${randomUUID()}`;
  const queues = {
    asrQueue: `emb-asr-${randomUUID()}`,
    itnQueue: `emb-itn-${randomUUID()}`,
    lidQueue: `emb-lid-${randomUUID()}`,
    serQueue: `emb-ser-${randomUUID()}`,
    aedQueue: `emb-aed-${randomUUID()}`,
    mergeQueue: `emb-merge-${randomUUID()}`,
  };
  const key = 'embedded-vs-distributed-key';
  const workers = new InProcessWorkers(REDIS_URL, prefix);
  let gateway: INestApplication | undefined;
  let embedded: EmbeddedPipeline | undefined;
  let producer: BullMqQueueDriver | undefined;
  const driver = () => workers.driver();
  const store = () => workers.store();
  const boot = (mod: unknown) => workers.boot(mod);

  beforeAll(async () => {
    const env = { REDIS_URL, MODELS_DIR, ASR_MODEL };
    await Promise.all([
      boot(AsrModule.forRoot({ config: Object.assign(loadConfig(AsrConfig, env), { queue: queues.asrQueue }), driver: driver(), store: store() })),
      boot(ItnModule.forRoot({ config: Object.assign(loadConfig(ItnConfig, env), { queue: queues.itnQueue }), driver: driver() })),
      boot(LidModule.forRoot({ config: Object.assign(loadConfig(LidConfig, env), { queue: queues.lidQueue }), driver: driver(), store: store() })),
      boot(SerModule.forRoot({ config: Object.assign(loadConfig(SerConfig, env), { queue: queues.serQueue }), driver: driver(), store: store() })),
      boot(
        AedModule.forRoot({
          config: Object.assign(loadConfig(AedConfig, env), { aedQueue: queues.aedQueue, cryQueue: `emb-cry-${randomUUID()}` }),
          driver: driver(),
          store: store(),
        }),
      ),
    ]);
    const config = Object.assign(
      loadConfig(GatewayConfig, {
        REDIS_URL,
        LOG_LEVEL: 'error',
        API_KEYS: `e2e:transcribe:${hashApiKey(key)}`,
        SYNC_TIMEOUT_MS: '60000',
        // generous: the comparison is about results, and a late optional analysis would make the modes differ
        OPTIONAL_TASK_TIMEOUT_MS: '30000',
      }),
      queues,
    );
    gateway = await createGatewayApp({ config, queueDriver: driver(), audioStore: store() });
    await gateway.listen(0, '127.0.0.1');
    // the embedded pipeline reads the same settings (but no Redis, no queue names of the test's)
    embedded = await createEmbeddedPipeline({ env: { MODELS_DIR, ASR_MODEL } });
    producer = driver();
  });

  afterAll(async () => {
    await embedded?.close();
    await gateway?.close();
    await workers.close();
    await producer?.close();
  });

  async function distributed(file: string, itn: boolean): Promise<RichTranscript> {
    const res = await request(gateway!.getHttpServer())
      .post('/v1/understand')
      .set('Authorization', `Bearer ${key}`)
      .attach('file', readFileSync(file), basename(file))
      .field('itn', String(itn))
      .field('format', 'json');
    expect(res.status).toBe(200);
    return res.body as RichTranscript;
  }

  it('starts every worker in the embedded pipeline', () => {
    expect(embedded!.tasks).toEqual(['asr', 'lid', 'ser', 'aed']);
    expect(embedded!.unavailable).toEqual([]);
  });

  it.each(FILES.map((f) => [basename(f), f]))('%s: identical transcripts (spoken and written form)', async (_name, file) => {
    for (const itn of [false, true]) {
      const [viaHttp, inProcess] = await Promise.all([distributed(file, itn), embedded!.transcribe(file, { itn })]);
      expect(inProcess).toEqual(viaHttp);
      expect(viaHttp.missing).toEqual([]);
      expect(viaHttp.itn).toBe(itn);
      expect(Object.keys(viaHttp.models).sort()).toEqual(['aed', 'asr', 'lid', 'ser']);
    }
  });

  it('identical for bytes handed in instead of a path, with the ITN step in the flow', async () => {
    const file = join(REPO, 'samples/digits-en.wav');
    const viaHttp = await distributed(file, true);
    expect(viaHttp.itn).toBe(true);
    expect(await embedded!.transcribe(file, { itn: true })).toEqual(viaHttp);
    expect(await embedded!.transcribe(readFileSync(file), { itn: true })).toEqual(viaHttp);
    expect(viaHttp).toMatchObject({ text: '4271', text_spoken: 'four two seven one', missing: [] });
  });

  it('reports ASR progress in both modes: the same JobProgress shape, ending done', async () => {
    const file = sharedClip('audio/ravdess/wav/Actor_01/03-01-01-01-01-01-01.flac');
    const seen: JobProgress[] = [];
    await embedded!.transcribe(file, { tasks: ['asr'] }, (p) => seen.push(p));
    expect(seen[0]).toEqual({ stage: 'segmenting', done_sec: 0, total_sec: 0 });
    const last = seen[seen.length - 1];
    expect(last.stage).toBe('done');
    expect(last.total_sec).toBeGreaterThan(0);
    expect(last.done_sec).toBe(last.total_sec);

    // the ASR worker on Redis, fed the PCM an upload would give: the job's progress (what GET /v1/jobs/:id shows)
    // ends as the same report
    const store = new RedisAudioStore(REDIS_URL);
    try {
      const samples = (await gateway!.get(AudioDecoder).decodeFile(file)).samples;
      const ref = await store.put(`emb-progress-${randomUUID()}`, samples, 60);
      const id = `asr-progress-${randomUUID()}`;
      const events: unknown[] = [];
      await producer!.add<AsrJobData>(queues.asrQueue, 'asr', { audio: ref, language: 'auto' }, { jobId: id });
      await producer!.waitForResult<AsrJobResult>(queues.asrQueue, id, { timeoutMs: 60_000, onProgress: (p) => events.push(p) });
      const snap = await producer!.getJob(queues.asrQueue, id);
      expect(isJobProgress(snap?.progress)).toBe(true);
      expect(snap?.progress).toEqual(last);
      expect(events.every(isJobProgress)).toBe(true);
      await store.delete(ref);
    } finally {
      await store.close();
    }
  });
});
