import { Test } from '@nestjs/testing';
import { Inject, Injectable } from '@nestjs/common';
import { InMemoryQueueDriver } from './in-memory.driver';
import { QueueProcessor } from './queue-processor';
import { JobContext, QUEUE_DRIVER, QueueDriver } from './queue-driver';

const events: string[] = [];

@Injectable()
class SlowProcessor extends QueueProcessor<{ n: number }, number> {
  constructor(@Inject(QUEUE_DRIVER) driver: QueueDriver) {
    super(driver, 'test-processor', 1);
  }

  protected override async prepare(): Promise<void> {
    await new Promise((r) => setTimeout(r, 50));
    events.push('prepared');
  }

  async handle(job: JobContext<{ n: number }>): Promise<number> {
    events.push(`start ${job.data.n}`);
    await new Promise((r) => setTimeout(r, 100));
    events.push(`end ${job.data.n}`);
    return job.data.n;
  }
}

describe('QueueProcessor', () => {
  it('takes jobs only once prepared and finishes in-flight work on shutdown', async () => {
    const driver = new InMemoryQueueDriver();
    await driver.add('test-processor', 'x', { n: 1 }, { jobId: 'a' });
    const mod = await Test.createTestingModule({ providers: [{ provide: QUEUE_DRIVER, useValue: driver }, SlowProcessor] }).compile();
    const app = mod.createNestApplication();
    app.enableShutdownHooks();
    await app.init();
    expect(events[0]).toBe('prepared');
    await new Promise((r) => setTimeout(r, 30));
    expect(events).toContain('start 1');
    await app.close();
    expect(events).toEqual(['prepared', 'start 1', 'end 1']);
    expect((await driver.getJob('test-processor', 'a'))?.state).toBe('completed');
    await driver.close();
  });
});
