import { Test } from '@nestjs/testing';
import { Inject, Injectable } from '@nestjs/common';
import { InMemoryQueueDriver } from './in-memory.driver';
import { QueueProcessor } from './queue-processor';
import { JobContext, QUEUE_DRIVER, QueueDriver } from './queue-driver';
import { MetricsService } from '../metrics/metrics.service';
import { EarshotError } from '@earshot/contracts';

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

  it('reports each job outcome and its own queue to the metrics service, when there is one', async () => {
    @Injectable()
    class HalfFailing extends QueueProcessor<{ n: number }, number> {
      constructor(@Inject(QUEUE_DRIVER) driver: QueueDriver) {
        super(driver, 'test-outcomes', 1);
      }

      async handle(job: JobContext<{ n: number }>): Promise<number> {
        if (job.data.n % 2) throw new EarshotError('INVALID_ARGUMENT', 'odd', 'n');
        return job.data.n;
      }
    }
    const driver = new InMemoryQueueDriver();
    const mod = await Test.createTestingModule({
      providers: [{ provide: QUEUE_DRIVER, useValue: driver }, { provide: MetricsService, useValue: new MetricsService('t', driver) }, HalfFailing],
    }).compile();
    const app = mod.createNestApplication();
    await app.init();
    for (const n of [1, 2, 3, 4, 6]) {
      const id = await driver.add('test-outcomes', 'x', { n });
      await driver.waitForResult('test-outcomes', id, { timeoutMs: 2000 }).catch(() => undefined);
    }
    const text = await app.get(MetricsService).render();
    expect(text).toContain('earshot_jobs_total{queue="test-outcomes",outcome="completed",service="t"} 3');
    expect(text).toContain('earshot_jobs_total{queue="test-outcomes",outcome="failed",service="t"} 2');
    expect(text).toContain('earshot_queue_jobs{queue="test-outcomes",state="failed",service="t"} 2');
    await app.close();
    await driver.close();
  });
});
