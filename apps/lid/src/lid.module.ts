import { DynamicModule, Module } from '@nestjs/common';
import { AudioStore, AudioStoreModule, QueueDriver, QueueModule, ServiceModule } from '@earshot/platform';
import { LidConfig } from './lid.config';
import { LidEngine } from './lid-engine.service';
import { LidProcessor } from './lid.processor';

export interface LidModuleOptions {
  config?: LidConfig;
  /** Embedded mode and tests: hand in the queue driver and audio store instead of Redis ones. */
  driver?: QueueDriver;
  store?: AudioStore;
}

@Module({})
export class LidModule {
  static forRoot(opts: LidModuleOptions = {}): DynamicModule {
    const redisUrl = (opts.config ?? new LidConfig()).redisUrl;
    return {
      module: LidModule,
      imports: [
        ServiceModule.forRoot({ name: 'lid', config: LidConfig, configValue: opts.config }),
        QueueModule.forRoot(opts.driver ? { driver: opts.driver } : { driver: 'bullmq', redisUrl }),
        AudioStoreModule.forRoot(opts.store ? { store: opts.store } : { redisUrl }),
      ],
      providers: [LidEngine, LidProcessor],
      exports: [LidEngine],
    };
  }
}
