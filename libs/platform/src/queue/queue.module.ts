import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import { QUEUE_DRIVER, QueueDriver } from './queue-driver';
import { BullMqQueueDriver } from './bullmq.driver';
import { InMemoryQueueDriver } from './in-memory.driver';
import { HealthRegistry } from '../health/health-check';

@Injectable()
class QueueDriverLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(QUEUE_DRIVER) private readonly driver: QueueDriver,
    @Optional() private readonly health?: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health?.register({ name: 'queue', check: async () => ({ ok: await this.driver.ping(), detail: this.driver.kind }) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.driver.close();
  }
}

export type QueueModuleOptions = { driver: 'bullmq'; redisUrl: string; prefix?: string } | { driver: 'memory' } | { driver: QueueDriver };

/** Provides the queue driver (BullMQ in services, in-memory in embedded mode) and closes it on shutdown. */
@Module({})
export class QueueModule {
  static forRoot(opts: QueueModuleOptions): DynamicModule {
    const make = (): QueueDriver =>
      typeof opts.driver === 'object'
        ? opts.driver
        : opts.driver === 'memory'
          ? new InMemoryQueueDriver()
          : new BullMqQueueDriver({ redisUrl: (opts as { redisUrl: string }).redisUrl, prefix: (opts as { prefix?: string }).prefix });
    return {
      module: QueueModule,
      global: true,
      providers: [
        { provide: QUEUE_DRIVER, useFactory: make },
        QueueDriverLifecycle,
      ],
      exports: [QUEUE_DRIVER],
    };
  }
}
