import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BullMqQueueDriver, RedisAudioStore } from '@earshot/platform';

/**
 * Worker modules booted in-process for e2e suites, on real Redis under a private BullMQ key prefix (suites running
 * side by side never share a queue). close() stops every app booted, in order.
 */
export class InProcessWorkers {
  private readonly apps: INestApplication[] = [];

  constructor(
    readonly redisUrl: string,
    readonly prefix: string,
  ) {}

  /** A fresh driver on the private prefix: each app gets its own, and its queue module closes it on shutdown. */
  driver(): BullMqQueueDriver {
    return new BullMqQueueDriver({ redisUrl: this.redisUrl, prefix: this.prefix });
  }

  store(): RedisAudioStore {
    return new RedisAudioStore(this.redisUrl);
  }

  /**
   * Boots a module (e.g. `AsrModule.forRoot(...)`) as its own Nest application; with `listen` it also serves its
   * HTTP routes (/health, /metrics) on a free loopback port.
   */
  async boot(mod: unknown, opts: { listen?: boolean } = {}): Promise<INestApplication> {
    @Module({ imports: [mod as never] })
    class WorkerApp {}
    const app = await NestFactory.create(WorkerApp, { logger: false });
    this.apps.push(app);
    if (opts.listen) await app.listen(0, '127.0.0.1');
    else await app.init();
    return app;
  }

  async close(): Promise<void> {
    for (const app of this.apps.splice(0)) await app.close();
  }
}
