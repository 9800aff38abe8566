/** @jest-environment ./test/onnx-realm.environment.js */
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import OpenAI from 'openai';
import request from 'supertest';
import { hashApiKey } from '@earshot/contracts';
import { loadConfig } from '@earshot/platform';
import { AedConfig } from '../apps/aed/src/aed.config';
import { AedModule } from '../apps/aed/src/aed.module';
import { AsrConfig } from '../apps/asr/src/asr.config';
import { AsrModule } from '../apps/asr/src/asr.module';
import { GatewayConfig } from '../apps/gateway/src/gateway.config';
import { ItnConfig } from '../apps/itn/src/itn.config';
import { ItnModule } from '../apps/itn/src/itn.module';
import { createGatewayApp } from '../apps/gateway/src/gateway.app';
import { LidConfig } from '../apps/lid/src/lid.config';
import { LidModule } from '../apps/lid/src/lid.module';
import { InProcessWorkers } from './support/in-process-workers';

// The transcription API end to end: real HTTP, real Redis (BullMQ flows), the real ASR, ITN, LID and AED workers on
// the shipped models, booted in-process on a private key prefix. No SER worker runs: its analysis must be reported
// missing. The ASR model writes the spoken form; the written form comes from the ITN worker's rules.
jest.setTimeout(120_000);

const REPO = resolve(__dirname, '..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const MODELS_DIR = join(REPO, 'models');
const SAMPLE = join(REPO, 'samples/digits-en.wav');
const SAMPLE_WORDS = 'four two seven one';
const HAVE_DIGITS = existsSync(join(MODELS_DIR, 'digits-en-ctc/manifest.json'));
const HAVE_LID = existsSync(join(MODELS_DIR, 'lid-en-ko/manifest.json'));
if (!HAVE_DIGITS)
  console.warn(
    'SKIPPED: models/digits-en-ctc/manifest.json is missing, the gateway transcription e2e cannot run',
  );

const describeIf = HAVE_DIGITS ? describe : describe.skip;

describeIf('POST /v1/audio/transcriptions and /v1/understand (gateway + workers on Redis)', () => {
  const prefix = `gw-e2e-${randomUUID()}`;
  const queues = {
    aedQueue: `gw-aed-${randomUUID()}`,
    lidQueue: `gw-lid-${randomUUID()}`,
    serQueue: `gw-ser-${randomUUID()}`,
    itnQueue: `gw-itn-${randomUUID()}`,
    mergeQueue: `gw-merge-${randomUUID()}`,
  };
  const key = 'transcribe-key-for-tests';
  const camKey = 'camera-key-for-tests';
  const workers = new InProcessWorkers(REDIS_URL, prefix);
  let gateway: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  let sample: Buffer;

  const driver = () => workers.driver();
  const store = () => workers.store();
  const boot = (mod: unknown) => workers.boot(mod);

  beforeAll(async () => {
    sample = readFileSync(SAMPLE);
    const asrConfig = loadConfig(AsrConfig, { REDIS_URL, MODELS_DIR, ASR_MODEL: 'digits-en-ctc' });
    await boot(AsrModule.forRoot({ config: asrConfig, driver: driver(), store: store() }));
    const itnConfig = Object.assign(loadConfig(ItnConfig, { REDIS_URL }), { queue: queues.itnQueue });
    await boot(ItnModule.forRoot({ config: itnConfig, driver: driver() }));
    const aedConfig = Object.assign(loadConfig(AedConfig, { REDIS_URL, MODELS_DIR }), {
      aedQueue: queues.aedQueue,
      cryQueue: `gw-cry-${randomUUID()}`,
    });
    await boot(AedModule.forRoot({ config: aedConfig, driver: driver(), store: store() }));
    if (HAVE_LID) {
      const lidConfig = Object.assign(loadConfig(LidConfig, { REDIS_URL, MODELS_DIR }), {
        queue: queues.lidQueue,
      });
      await boot(LidModule.forRoot({ config: lidConfig, driver: driver(), store: store() }));
    }
    const config = Object.assign(
      loadConfig(GatewayConfig, {
        REDIS_URL,
        LOG_LEVEL: 'error',
        API_KEYS: [`web:transcribe:${hashApiKey(key)}`, `camera:cry-detection:${hashApiKey(camKey)}`].join(
          ',',
        ),
        SYNC_TIMEOUT_MS: '60000',
        OPTIONAL_TASK_TIMEOUT_MS: '1500',
        MAX_UPLOAD_BYTES: String(2 * 1024 * 1024),
      }),
      queues,
    );
    gateway = await createGatewayApp({ config, queueDriver: driver(), audioStore: store() });
    await gateway.listen(0, '127.0.0.1');
    http = gateway.getHttpServer();
  });

  afterAll(async () => {
    await gateway?.close();
    await workers.close();
  });

  const post = (path: string) => request(http).post(path).set('Authorization', `Bearer ${key}`);

  it('answers OpenAI json with the transcript of a shipped sample', async () => {
    const res = await post('/v1/audio/transcriptions')
      .attach('file', sample, 'digits-en.wav')
      .field('model', 'earshot')
      .field('language', 'en');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(res.body)).toEqual(['text']);
    expect(res.body.text).toBe('4271');
  });

  it('writes the spoken form with the ITN worker, timing the written words by the spoken tokens', async () => {
    const res = await post('/v1/understand').attach('file', sample, 'digits-en.wav').field('tasks', 'asr');
    expect(res.status).toBe(200);
    const t = res.body;
    expect(t).toMatchObject({ text: '4271', itn: true, missing: [] });
    expect(t.text_spoken.toLowerCase()).toBe(SAMPLE_WORDS);
    const [s] = t.segments;
    expect(s).toMatchObject({ text: '4271', text_spoken: t.text_spoken });
    const [word] = s.words;
    expect(s.words).toHaveLength(1);
    // the number starts where its first spoken token does and lasts to the end of the segment
    expect(word).toEqual({ word: '4271', start: Math.max(s.start, s.tokens[0].start), end: s.end });
  });

  it('returns the full rich transcript, with ser reported missing (no worker) and the request still 200', async () => {
    const res = await post('/v1/understand').attach('file', sample, 'digits-en.wav').field('itn', 'false');
    expect(res.status).toBe(200);
    const t = res.body;
    expect(t.text_spoken.toLowerCase()).toContain(SAMPLE_WORDS);
    expect(t.itn).toBe(false);
    expect(t.duration).toBeCloseTo(sample.length > 44 ? (sample.length - 44) / 32000 : 0, 1);
    expect(t.segments.length).toBeGreaterThan(0);
    for (const s of t.segments) {
      expect(s.end).toBeGreaterThan(s.start);
      expect(s.tokens.length).toBeGreaterThan(0);
      expect(Array.isArray(s.events)).toBe(true);
    }
    expect(t.models.asr).toBe('digits-en-ctc');
    expect(t.models.aed).toBe('aed-events');
    expect(t.models.ser).toBeUndefined();
    expect(t.missing).toEqual([{ task: 'ser', reason: expect.stringMatching(/^unavailable: no worker/) }]);
    if (HAVE_LID) {
      expect(t.models.lid).toBe('lid-en-ko');
      expect(t.language).toBe('en');
      expect(t.segments[0].language).toMatchObject({ label: 'en', source: 'lid' });
    }
  });

  it('runs only the tasks asked for, and renders tags, rich, text, srt and vtt', async () => {
    const json = await post('/v1/understand').attach('file', sample, 'a.wav').field('tasks', 'asr,aed');
    expect(json.status).toBe(200);
    expect(json.body.missing).toEqual([]);
    expect(Object.keys(json.body.models).sort()).toEqual(['aed', 'asr']);

    const tags = await post('/v1/understand')
      .attach('file', sample, 'a.wav')
      .field('tasks', 'asr')
      .field('itn', 'false')
      .field('format', 'tags');
    expect(tags.status).toBe(200);
    expect(tags.text).toMatch(/^<\|[a-z]+\|><\|[A-Z_]+\|><\|[A-Za-z_]+\|><\|woitn\|>/);
    expect(tags.text.toLowerCase()).toContain(SAMPLE_WORDS);

    const srt = await post('/v1/understand')
      .attach('file', sample, 'a.wav')
      .field('tasks', 'asr')
      .field('format', 'srt');
    expect(srt.headers['content-type']).toMatch(/^text\/plain/);
    expect(srt.text).toMatch(/^1\n00:00:\d\d,\d{3} --> 00:00:\d\d,\d{3}\n\S/);

    const bad = await post('/v1/understand').attach('file', sample, 'a.wav').field('tasks', 'asr,diarize');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'INVALID_ARGUMENT', param: 'tasks' });
  });

  it('renders every OpenAI response_format with its content type', async () => {
    const text = await post('/v1/audio/transcriptions')
      .attach('file', sample, 'a.wav')
      .field('model', 'x')
      .field('response_format', 'text');
    expect(text.status).toBe(200);
    expect(text.headers['content-type']).toMatch(/^text\/plain/);
    expect(text.text.trim().length).toBeGreaterThan(0);

    const srt = await post('/v1/audio/transcriptions')
      .attach('file', sample, 'a.wav')
      .field('model', 'x')
      .field('response_format', 'srt');
    expect(srt.headers['content-type']).toMatch(/^text\/plain/);
    expect(srt.text).toMatch(/^1\n\d\d:\d\d:\d\d,\d{3} --> /);

    const vtt = await post('/v1/audio/transcriptions')
      .attach('file', sample, 'a.wav')
      .field('model', 'x')
      .field('response_format', 'vtt');
    expect(vtt.headers['content-type']).toMatch(/^text\/vtt/);
    expect(vtt.text).toMatch(/^WEBVTT\n\n\d\d:\d\d:\d\d\.\d{3} --> /);

    const verbose = await post('/v1/audio/transcriptions')
      .attach('file', sample, 'a.wav')
      .field('model', 'x')
      .field('response_format', 'verbose_json')
      .field('itn', 'false')
      .field('timestamp_granularities[]', 'word')
      .field('timestamp_granularities[]', 'segment');
    expect(verbose.status).toBe(200);
    const v = verbose.body;
    expect(v).toMatchObject({
      task: 'transcribe',
      language: 'english',
      text: expect.any(String),
      duration: expect.any(Number),
      itn: false,
    });
    expect(v.segments[0]).toEqual(
      expect.objectContaining({
        id: 0,
        seek: 0,
        start: expect.any(Number),
        end: expect.any(Number),
        text: expect.any(String),
        tokens: expect.any(Array),
        temperature: 0,
        avg_logprob: 0,
        compression_ratio: 1,
        no_speech_prob: 0,
        events: expect.any(Array),
      }),
    );
    expect(v.segments[0]).toHaveProperty('emotion');
    expect(
      v.words
        .map((w: { word: string }) => w.word)
        .join(' ')
        .toLowerCase(),
    ).toBe(SAMPLE_WORDS);
    for (const w of v.words) expect(w.end).toBeGreaterThanOrEqual(w.start);

    const wordsOnly = await post('/v1/audio/transcriptions')
      .attach('file', sample, 'a.wav')
      .field('model', 'x')
      .field('response_format', 'verbose_json')
      .field('timestamp_granularities', 'word');
    expect(wordsOnly.status).toBe(200);
    // written form: the ITN rules write the four digits as one number, so one word
    expect(wordsOnly.body.itn).toBe(true);
    expect(wordsOnly.body.words.map((w: { word: string }) => w.word)).toEqual([wordsOnly.body.text.trim()]);
    expect(wordsOnly.body.segments).toBeUndefined();
  });

  it('answers bad requests in the error envelope', async () => {
    const noFile = await post('/v1/audio/transcriptions').field('model', 'x');
    expect(noFile.status).toBe(400);
    expect(noFile.body.error).toMatchObject({
      code: 'INVALID_ARGUMENT',
      param: 'file',
      type: 'invalid_request_error',
    });

    const empty = await post('/v1/audio/transcriptions')
      .attach('file', Buffer.alloc(0), 'empty.wav')
      .field('model', 'x');
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('AUDIO_EMPTY');

    const notAudio = await post('/v1/audio/transcriptions')
      .attach(
        'file',
        Buffer.from('hello, this is just some text and not audio at all\n'.repeat(40)),
        'notes.txt',
      )
      .field('model', 'x');
    expect(notAudio.status).toBe(415);
    expect(notAudio.body.error.code).toBe('AUDIO_NOT_AUDIO');

    const format = await post('/v1/audio/transcriptions')
      .attach('file', sample, 'a.wav')
      .field('model', 'x')
      .field('response_format', 'mp3');
    expect(format.status).toBe(400);
    expect(format.body.error).toMatchObject({ code: 'INVALID_ARGUMENT', param: 'response_format' });

    const wordJson = await post('/v1/audio/transcriptions')
      .attach('file', sample, 'a.wav')
      .field('model', 'x')
      .field('timestamp_granularities[]', 'word');
    expect(wordJson.status).toBe(400);
    expect(wordJson.body.error.param).toBe('timestamp_granularities');

    const temp = await post('/v1/audio/transcriptions')
      .attach('file', sample, 'a.wav')
      .field('model', 'x')
      .field('temperature', '1.5');
    expect(temp.status).toBe(400);

    const lang = await post('/v1/audio/transcriptions')
      .attach('file', sample, 'a.wav')
      .field('model', 'x')
      .field('language', 'klingon');
    expect(lang.status).toBe(400);
    expect(lang.body.error.param).toBe('language');

    const big = await post('/v1/audio/transcriptions')
      .attach('file', Buffer.alloc(3 * 1024 * 1024, 1), 'big.wav')
      .field('model', 'x');
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('AUDIO_TOO_LARGE');

    const notMultipart = await post('/v1/audio/transcriptions').set('Content-Type', 'audio/wav').send(sample);
    expect(notMultipart.status).toBe(400);

    const noKey = await request(http).post('/v1/audio/transcriptions').attach('file', sample, 'a.wav');
    expect(noKey.status).toBe(401);
    const wrongScope = await request(http)
      .post('/v1/understand')
      .set('Authorization', `Bearer ${camKey}`)
      .attach('file', sample, 'a.wav');
    expect(wrongScope.status).toBe(403);

    // still serving after all of that
    const ok = await post('/v1/audio/transcriptions').attach('file', sample, 'a.wav').field('model', 'x');
    expect(ok.status).toBe(200);
  });

  it('works with the official openai client', async () => {
    const port = (http.address() as AddressInfo).port;
    const client = new OpenAI({ apiKey: key, baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
    const r = await client.audio.transcriptions.create({
      file: createReadStream(SAMPLE),
      model: 'earshot',
      response_format: 'verbose_json',
      language: 'en',
    });
    expect(r.text.length).toBeGreaterThan(0);
    expect(r.segments?.length).toBeGreaterThan(0);
    expect(r.duration).toBeGreaterThan(1);

    const err = await client.audio.transcriptions
      .create({
        file: createReadStream(SAMPLE),
        model: 'earshot',
        response_format: 'json',
        timestamp_granularities: ['word'],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(400);
  });
});
