import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { QUEUE_DRIVER, QueueDriver } from './queue-driver';
import { BullMqQueueDriver } from './bullmq.driver';
import { InMemoryQueueDriver } from './in-memory.driver';
import { HEALTH_CHECKS, HealthCheck } from '../health/health-check';

@Injectable()
class QueueDriverCloser implements OnApplicationShutdown {
  constructor(@Inject(QUEUE_DRIVER) private readonly driver: QueueDriver) {}

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
        QueueDriverCloser,
        {
          provide: HEALTH_CHECKS,
          inject: [QUEUE_DRIVER],
          useFactory: (driver: QueueDriver): HealthCheck[] => [
            { name: 'queue', check: async () => ({ ok: await driver.ping(), detail: driver.kind }) },
          ],
        },
      ],
      exports: [QUEUE_DRIVER],
    };
  }
}
