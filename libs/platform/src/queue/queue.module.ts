import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import { QUEUE_DRIVER, QueueDriver } from './queue-driver';
import { BullMqQueueDriver, BullMqWorkerSettings } from './bullmq.driver';
import { InMemoryQueueDriver } from './in-memory.driver';
import { HealthRegistry } from '../health/health-check';
import { CommonConfig } from '../config/common.config';

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

export type BullMqModuleOptions = { driver: 'bullmq'; redisUrl: string; prefix?: string; worker?: Partial<BullMqWorkerSettings> };
export type QueueModuleOptions = BullMqModuleOptions | { driver: 'memory' } | { driver: QueueDriver };

/** The BullMQ driver as a service's validated configuration sets it up (Redis URL, job locks, shutdown grace). */
export function bullmqFromConfig(config: CommonConfig): BullMqModuleOptions {
  return {
    driver: 'bullmq',
    redisUrl: config.redisUrl,
    worker: {
      lockDurationMs: config.queueLockDurationMs,
      stalledIntervalMs: config.queueStalledIntervalMs,
      maxStalledCount: config.queueMaxStalledCount,
      shutdownGraceMs: config.shutdownGraceMs,
    },
  };
}

/** Provides the queue driver (BullMQ in services, in-memory in embedded mode) and closes it on shutdown. */
@Module({})
export class QueueModule {
  static forRoot(opts: QueueModuleOptions): DynamicModule {
    const make = (): QueueDriver =>
      typeof opts.driver === 'object'
        ? opts.driver
        : opts.driver === 'memory'
          ? new InMemoryQueueDriver()
          : new BullMqQueueDriver(opts as BullMqModuleOptions);
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
