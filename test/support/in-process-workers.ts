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

  /** Boots a module (e.g. `AsrModule.forRoot(...)`) as its own Nest application context. */
  async boot(mod: unknown): Promise<void> {
    @Module({ imports: [mod as never] })
    class WorkerApp {}
    const app = await NestFactory.create(WorkerApp, { logger: false });
    await app.init();
    this.apps.push(app);
  }

  async close(): Promise<void> {
    for (const app of this.apps.splice(0)) await app.close();
  }
}
