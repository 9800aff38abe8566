import { Logger } from '@nestjs/common';
import { createAudioDecoder, encodeWav } from '@earshot/audio';
import {
  AsrJobData,
  AsrResult,
  EarshotError,
  QUEUE_NAMES,
  RichTranscript,
  SegmentClassifyJobData,
  UnderstandTask,
} from '@earshot/contracts';
import { ItnService } from '@earshot/itn';
import { InMemoryQueueDriver, loadConfig, MemoryAudioStore } from '@earshot/platform';
import { ItnConfig } from '../../../itn/src/itn.config';
import { ItnProcessor } from '../../../itn/src/itn.processor';
import { GatewayConfig } from '../gateway.config';
import { MergeProcessor } from './merge.processor';
import { TranscriptionService } from './transcription.service';

// Orchestration over the in-memory driver: the real flow, merge processor, ITN worker, decoder and audio store; the
// model workers are small stand-ins (the e2e suite runs the real ones on Redis).
function wav(seconds: number): Buffer {
  const tone = Float32Array.from(
    { length: Math.round(seconds * 16000) },
    (_, i) => (8000 / 32768) * Math.sin((2 * Math.PI * 220 * i) / 16000),
  );
  const bytes = encodeWav([tone], { sampleRate: 16000, encoding: 's16' });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** What the model heard: the spoken form (the ITN step writes it). */
function asrResult(duration: number): AsrResult {
  const seg = {
    start: 0.1,
    end: duration - 0.1,
    text: 'four two seven',
    textSpoken: 'four two seven',
    language: { label: 'en', score: 0.9 },
    emotion: { label: 'NEUTRAL', score: 0.8 },
    event: { label: 'Speech', score: 0.7 },
    tokens: [
      { text: ' four', start: 0.2, id: 34 },
      { text: ' two', start: 0.6, id: 32 },
      { text: ' seven', start: 1.0, id: 37 },
    ],
    tagged: '',
  };
  return {
    text: seg.text,
    textSpoken: seg.textSpoken,
    language: 'en',
    emotion: 'NEUTRAL',
    events: ['Speech'],
    duration,
    segments: [seg],
    model: { name: 'stand-in', format: 'x', itn: 'none' as const },
    rich: '',
  };
}

describe('TranscriptionService (in-memory flow)', () => {
  let driver: InMemoryQueueDriver;
  let store: MemoryAudioStore;
  let merge: MergeProcessor;
  let itn: ItnProcessor | undefined;
  let service: TranscriptionService;
  const seen: Record<string, unknown> = {};

  beforeAll(() => Logger.overrideLogger(false));

  const config = (env: Record<string, string> = {}) =>
    loadConfig(GatewayConfig, {
      LOG_LEVEL: 'error',
      SYNC_TIMEOUT_MS: '3000',
      OPTIONAL_TASK_TIMEOUT_MS: '300',
      ...env,
    });

  async function setup(
    env: Record<string, string> = {},
    workers: Array<UnderstandTask | 'itn'> = ['asr', 'itn', 'lid', 'aed'],
    serFails = false,
  ) {
    driver = new InMemoryQueueDriver();
    store = new MemoryAudioStore();
    const cfg = config(env);
    merge = new MergeProcessor(driver, cfg);
    await merge.onApplicationBootstrap();
    itn = undefined;
    if (workers.includes('itn')) {
      itn = new ItnProcessor(driver, new ItnService(), new ItnConfig());
      await itn.onApplicationBootstrap();
    }
    if (workers.includes('asr'))
      await driver.process<AsrJobData, AsrResult>(
        QUEUE_NAMES.asr,
        async (job) => {
          seen.asr = (await store.get(job.data.audio)).length;
          seen.asrItn = job.data.itn;
          return asrResult(job.data.audio.durationSec);
        },
        { concurrency: 1 },
      );
    if (workers.includes('lid'))
      await driver.process<SegmentClassifyJobData, unknown>(
        QUEUE_NAMES.lid,
        async () => ({
          model: 'lid-x',
          labels: ['en', 'ko'],
          segments: [
            { start: 0, end: 1, label: 'ko', scores: { en: 0.3, ko: 0.7 } },
            { start: 1, end: 2, label: 'en', scores: { en: 0.9, ko: 0.1 } },
          ],
        }),
        { concurrency: 1 },
      );
    if (serFails)
      await driver.process(
        QUEUE_NAMES.ser,
        async () => {
          throw new EarshotError('MODEL_INVALID', 'ser model crashed');
        },
        { concurrency: 1 },
      );
    if (workers.includes('aed'))
      await driver.process(
        QUEUE_NAMES.aed,
        async () => ({
          model: 'aed-x',
          events: [
            { label: 'Laughter', start: 1.2, end: 1.6, score: 0.8 },
            { label: 'Cough', start: 5, end: 5.5, score: 0.9 },
          ],
        }),
        { concurrency: 1 },
      );
    service = new TranscriptionService(cfg, createAudioDecoder(), store, driver);
  }

  afterEach(async () => {
    await merge?.beforeApplicationShutdown();
    await itn?.beforeApplicationShutdown();
    await driver?.close();
  });

  const understand = (tasks: UnderstandTask[], itn = true): Promise<RichTranscript> =>
    service.understand({ body: wav(2), tasks, language: 'auto', itn });

  it('merges every analysis into the rich transcript and reports a failed optional one', async () => {
    await setup({}, ['asr', 'itn', 'lid', 'aed'], true);
    const t = await understand(['asr', 'lid', 'ser', 'aed']);
    expect(seen.asr).toBe(32000);
    // the ASR job writes the spoken form; the ITN step wrote it, and the written word keeps the tokens' times
    expect(seen.asrItn).toBe(false);
    expect(t.text).toBe('427');
    expect(t.text_spoken).toBe('four two seven');
    expect(t.itn).toBe(true);
    expect(t.segments[0]).toMatchObject({ text: '427', text_spoken: 'four two seven' });
    expect(t.segments[0].words).toEqual([{ word: '427', start: 0.2, end: 1.9 }]);
    expect(t.duration).toBe(2);
    expect(t.models).toEqual({ asr: 'stand-in', lid: 'lid-x', aed: 'aed-x' });
    expect(t.missing).toEqual([{ task: 'ser', reason: expect.stringContaining('ser model crashed') }]);
    // lid windows weighted by overlap: 0.9 s of ko at 0.7, 0.9 s of en at 0.9
    expect(t.segments[0].language).toMatchObject({ label: 'en', source: 'lid' });
    expect(t.segments[0].language!.scores!.en).toBeCloseTo(0.6, 5);
    expect(t.segments[0].emotion).toMatchObject({ label: 'NEUTRAL', source: 'asr' });
    // only the event inside the segment is attached to it; the whole timeline stays in audio_events
    expect(t.segments[0].events.map((e) => e.label)).toEqual(['Laughter']);
    expect(t.audio_events).toHaveLength(2);
    expect(t.events).toEqual(['Laughter', 'Cough']);
  });

  it('reports an optional analysis whose queue has no worker as unavailable, without waiting for it', async () => {
    await setup({ OPTIONAL_TASK_TIMEOUT_MS: '5000' });
    const started = Date.now();
    const t = await understand(['asr', 'ser']);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(t.missing).toEqual([{ task: 'ser', reason: 'unavailable: no worker is serving earshot.ser.v1' }]);
    expect(t.emotion).toBe('NEUTRAL');
  });

  it('answers without an optional analysis that is too slow, within the optional timeout', async () => {
    await setup();
    await driver.process(QUEUE_NAMES.ser, () => new Promise((r) => setTimeout(r, 1000)), { concurrency: 1 });
    const started = Date.now();
    const t = await understand(['asr', 'ser']);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(t.missing).toEqual([{ task: 'ser', reason: expect.stringMatching(/^timeout/) }]);
  });

  it('keeps the spoken form and reports itn missing when no ITN worker serves its queue', async () => {
    await setup({ OPTIONAL_TASK_TIMEOUT_MS: '5000' }, ['asr']);
    const started = Date.now();
    const t = await understand(['asr']);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(t).toMatchObject({ text: 'four two seven', text_spoken: 'four two seven', itn: false });
    expect(t.missing).toEqual([{ task: 'itn', reason: 'unavailable: no worker is serving earshot.itn.v1' }]);
    expect(t.segments[0].words.map((w) => [w.word, w.start, w.end])).toEqual([
      ['four', 0.2, 0.6],
      ['two', 0.6, 1.0],
      ['seven', 1.0, 1.9],
    ]);
  });

  it('keeps the spoken form when the ITN step fails or is too slow, and runs no ITN when not asked', async () => {
    await setup({}, ['asr']);
    await driver.process(
      QUEUE_NAMES.itn,
      async () => {
        throw new EarshotError('INVALID_ARGUMENT', 'itn grammar broke');
      },
      { concurrency: 1 },
    );
    const failed = await understand(['asr']);
    expect(failed).toMatchObject({ text: 'four two seven', itn: false });
    expect(failed.missing).toEqual([{ task: 'itn', reason: expect.stringContaining('itn grammar broke') }]);

    await setup({}, ['asr']);
    await driver.process(QUEUE_NAMES.itn, () => new Promise((r) => setTimeout(r, 3000)), { concurrency: 1 });
    const started = Date.now();
    const slow = await understand(['asr']);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(slow).toMatchObject({ text: 'four two seven', itn: false });
    expect(slow.missing).toEqual([{ task: 'itn', reason: expect.stringMatching(/^timeout/) }]);

    const off = await understand(['asr'], false);
    expect(off).toMatchObject({ text: 'four two seven', itn: false, missing: [] });
  });

  it('fails with TIMEOUT (504) when no ASR worker answers within SYNC_TIMEOUT_MS, and frees the audio', async () => {
    await setup({ SYNC_TIMEOUT_MS: '300' }, []);
    const put = jest.spyOn(store, 'put');
    const del = jest.spyOn(store, 'delete');
    const err = await understand(['asr']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EarshotError);
    expect((err as EarshotError).code).toBe('TIMEOUT');
    expect((err as EarshotError).status).toBe(504);
    expect(del).toHaveBeenCalledWith(await put.mock.results[0].value);
  });

  it('stops at once when the signal aborts: removes the steps not started, lets the running one finish unused', async () => {
    await setup({ SYNC_TIMEOUT_MS: '20000' }, ['itn']);
    let lidDone = false;
    await driver.process(
      QUEUE_NAMES.lid,
      () => new Promise((r) => setTimeout(() => r((lidDone = true)), 600)),
      { concurrency: 1 },
    );
    const del = jest.spyOn(store, 'delete');
    const ctl = new AbortController();
    const reason = new EarshotError('CANCELLED', 'cancelled by the test');
    const started = Date.now();
    const pending = service
      .understand({ body: wav(2), tasks: ['asr', 'lid'], language: 'en', itn: true, requestId: 'rq', signal: ctl.signal })
      .catch((e: unknown) => e);
    while ((await driver.getJob(QUEUE_NAMES.lid, 'lid-rq'))?.state !== 'active') await new Promise((r) => setTimeout(r, 5));
    ctl.abort(reason);
    expect(await pending).toBe(reason);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(del).toHaveBeenCalledTimes(1);
    // No ASR worker: asr (and the ITN step and merge waiting on it) never started and are gone.
    for (const [queue, id] of [[QUEUE_NAMES.merge, 'merge-rq'], [QUEUE_NAMES.itn, 'itn-rq'], [QUEUE_NAMES.asr, 'asr-rq']])
      expect(await driver.getJob(queue, id)).toBeUndefined();
    while (!lidDone) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setImmediate(r));
    expect((await driver.getJob(QUEUE_NAMES.lid, 'lid-rq'))?.state).toBe('completed');
    expect(await driver.getJob(QUEUE_NAMES.merge, 'merge-rq')).toBeUndefined();
  });

  it('refuses an empty body and bytes that are not audio with typed errors', async () => {
    await setup();
    await expect(
      service.understand({ body: Buffer.alloc(0), tasks: ['asr'], language: 'auto', itn: true }),
    ).rejects.toMatchObject({ code: 'AUDIO_EMPTY' });
    await expect(
      service.understand({
        body: Buffer.from('not audio, only words '.repeat(50)),
        tasks: ['asr'],
        language: 'auto',
        itn: true,
      }),
    ).rejects.toMatchObject({ code: 'AUDIO_NOT_AUDIO' });
  });
});
