import { Logger } from '@nestjs/common';
import { AsrResult, ITN_TRANSCRIPT_JOB, ItnTranscriptJobData } from '@earshot/contracts';
import { ItnService } from '@earshot/itn';
import { InMemoryQueueDriver } from '@earshot/platform';
import { ItnConfig } from './itn.config';
import { ItnProcessor } from './itn.processor';

// The ITN worker's flow step on the in-memory driver: its ASR child's result in, the written form out; bad
// payloads fail at once with INVALID_ARGUMENT instead of reaching the rules.
const spoken: AsrResult = {
  text: 'call nine one one',
  textSpoken: 'call nine one one',
  language: 'en',
  emotion: null,
  events: [],
  duration: 2,
  segments: [
    {
      start: 0,
      end: 2,
      text: 'call nine one one',
      textSpoken: 'call nine one one',
      language: { label: 'en', score: 0.9 },
      emotion: null,
      event: null,
      tokens: [],
      tagged: '<|en|><|NEUTRAL|><|Speech|><|woitn|>call nine one one',
    },
  ],
  model: { name: 'stand-in', format: 'x', itn: 'none' },
  rich: '',
};

describe('ItnProcessor (transcript jobs)', () => {
  let driver: InMemoryQueueDriver;
  let itn: ItnProcessor;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(async () => {
    driver = new InMemoryQueueDriver();
    itn = new ItnProcessor(driver, new ItnService(), new ItnConfig());
    await itn.onApplicationBootstrap();
    await driver.process('asr', async () => spoken, { concurrency: 1 });
  });

  afterEach(async () => {
    await itn.beforeApplicationShutdown();
    await driver.close();
  });

  const flow = (data: unknown, withChild = true) =>
    driver.addFlow({
      queue: itn.queue,
      name: ITN_TRANSCRIPT_JOB,
      data,
      opts: { jobId: 'itn-1' },
      children: withChild ? [{ queue: 'asr', name: 'asr', data: {}, opts: { jobId: 'asr-1' } }] : [],
    });
  const result = () => driver.waitForResult<AsrResult>(itn.queue, 'itn-1', { timeoutMs: 2000 });

  it('rewrites the child transcript, keeping the spoken form and the span map', async () => {
    await flow({ asrJobId: 'asr-1', language: 'auto' } satisfies ItnTranscriptJobData);
    const out = await result();
    expect(out.text).toBe('call 911');
    expect(out.segments[0]).toMatchObject({ text: 'call 911', textSpoken: 'call nine one one' });
    expect(out.segments[0].itnSpans).toHaveLength(2);
    expect(out.model.itn).toBe('rules');
  });

  it.each([
    [{ language: 'auto' }, 'asrJobId'],
    [{ asrJobId: 'asr-1', language: 'klingon' }, 'language'],
    [{ asrJobId: 'asr-1', language: 'en', options: { style: 'fancy' } }, 'options.style'],
    [{ asrJobId: 'not-my-child', language: 'en' }, 'no ASR result'],
  ])('fails %j at once with INVALID_ARGUMENT (%s)', async (data, mention) => {
    await flow(data);
    await expect(result()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(mention) });
  });
});
