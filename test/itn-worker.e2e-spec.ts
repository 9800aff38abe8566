import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EarshotError, ItnJobData, ItnJobResult } from '@earshot/contracts';
import { BullMqQueueDriver, loadConfig } from '@earshot/platform';
import { ItnConfig } from '../apps/itn/src/itn.config';
import { ItnModule } from '../apps/itn/src/itn.module';

jest.setTimeout(60_000);

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('itn worker on BullMQ (real Redis)', () => {
  const prefix = `itn-e2e-${randomUUID()}`;
  const queue = `itn-e2e-${randomUUID()}`;
  let app: INestApplication;
  let producer: BullMqQueueDriver;

  beforeAll(async () => {
    producer = new BullMqQueueDriver({ redisUrl: REDIS_URL, prefix });
    // enqueued before the worker exists: picked up once it starts
    await producer.add<ItnJobData>(queue, 'itn', { text: '二零二四年', lang: 'zh' }, { jobId: 'early' });
    const mod = await Test.createTestingModule({
      imports: [
        ItnModule.forRoot({
          config: loadConfig(ItnConfig, { REDIS_URL, ITN_QUEUE: queue, ITN_CONCURRENCY: '2' }),
          driver: new BullMqQueueDriver({ redisUrl: REDIS_URL, prefix }),
        }),
      ],
    }).compile();
    app = mod.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await producer?.close();
  });

  const run = async (data: unknown, jobId = randomUUID()): Promise<ItnJobResult> => {
    await producer.add(queue, 'itn', data, { jobId });
    return producer.waitForResult<ItnJobResult>(queue, jobId, { timeoutMs: 30_000 });
  };

  it('processes a job enqueued before the worker started', async () => {
    const r = await producer.waitForResult<ItnJobResult>(queue, 'early', { timeoutMs: 30_000 });
    expect(r.text).toBe('2024年');
  });

  it('returns written text with a span map that tiles input and output', async () => {
    const input = '我有三十块，明天下午三点半见';
    const r = await run({ text: input, lang: 'zh' });
    expect(r.text).toBe('我有30块，明天3:30p.m.见');
    expect(r.spans[0]).toMatchObject({ inStart: 0, outStart: 0 });
    expect(r.spans[r.spans.length - 1]).toMatchObject({ inEnd: input.length, outEnd: r.text.length });
    const money = r.spans.find((s) => s.rewritten && r.text.slice(s.outStart, s.outEnd) === '30');
    expect(money).toMatchObject({ inStart: 2, inEnd: 4 });
  });

  it('honours options and serves Japanese', async () => {
    const [a, b, c] = await Promise.all([
      run({ text: '一年后', lang: 'zh', options: { enable0To9: false } }),
      run({ text: '一万一千', lang: 'zh', options: { style: 'nemo' } }),
      run({ text: '三時十五分', lang: 'ja' }),
    ]);
    expect([a.text, b.text, c.text]).toEqual(['一年后', '11,000', '3時15分']);
  });

  it('fails bad payloads at once with a typed error', async () => {
    const jobId = randomUUID();
    await producer.add(queue, 'itn', { text: 42, lang: 'zh' }, { jobId });
    const err = await producer.waitForResult(queue, jobId, { timeoutMs: 30_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EarshotError);
    expect((err as EarshotError).code).toBe('INVALID_ARGUMENT');
    const snap = await producer.getJob(queue, jobId);
    expect(snap?.attemptsMade).toBeLessThanOrEqual(1);
    const err2 = await run({ text: '一', lang: 'fr' }).catch((e: unknown) => e);
    expect((err2 as EarshotError).code).toBe('INVALID_ARGUMENT');
  });
});
