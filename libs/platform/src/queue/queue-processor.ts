import { BeforeApplicationShutdown, Inject, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { JobContext, QueueDriver, WorkerHandle } from './queue-driver';
import { MetricsService } from '../metrics/metrics.service';

/**
 * Base of every worker: takes jobs only after `prepare()` (load and warm the model) has finished, and on
 * shutdown stops taking jobs and lets in-flight ones finish before the process exits.
 */
export abstract class QueueProcessor<D, R> implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private worker?: WorkerHandle;
  /** Property-injected so the many subclass constructors stay as they are; absent in bare unit-test modules. */
  @Optional() @Inject(MetricsService) protected readonly metrics?: MetricsService;

  protected constructor(
    protected readonly driver: QueueDriver,
    readonly queue: string,
    private readonly concurrency: number,
  ) {}

  /** Load models, warm sessions: anything that must be ready before the first job. */
  protected async prepare(): Promise<void> {}

  abstract handle(job: JobContext<D>): Promise<R>;

  async onApplicationBootstrap(): Promise<void> {
    await this.prepare();
    this.metrics?.watchQueue(this.queue);
    this.worker = await this.driver.process<D, R>(this.queue, (job) => this.timed(job), { concurrency: this.concurrency });
    this.logger.log(`taking jobs from ${this.queue} (concurrency ${this.concurrency})`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    this.worker = undefined;
  }

  private async timed(job: JobContext<D>): Promise<R> {
    const started = performance.now();
    let outcome: 'completed' | 'failed' = 'failed';
    try {
      const result = await this.handle(job);
      outcome = 'completed';
      return result;
    } finally {
      const ms = performance.now() - started;
      this.metrics?.observeJob(this.queue, outcome, ms / 1000);
      this.logger.debug(`${this.queue} job ${job.id} ${outcome} in ${Math.round(ms)} ms`);
    }
  }
}
