import { DynamicModule, Module } from '@nestjs/common';
import { AudioStore, AudioStoreModule, QueueDriver, QueueModule, ServiceModule } from '@earshot/platform';
import { SerConfig } from './ser.config';
import { SerEngine } from './ser-engine.service';
import { SerProcessor } from './ser.processor';

export interface SerModuleOptions {
  config?: SerConfig;
  /** Embedded mode and tests: hand in the queue driver and audio store instead of Redis ones. */
  driver?: QueueDriver;
  store?: AudioStore;
}

@Module({})
export class SerModule {
  static forRoot(opts: SerModuleOptions = {}): DynamicModule {
    const redisUrl = (opts.config ?? new SerConfig()).redisUrl;
    return {
      module: SerModule,
      imports: [
        ServiceModule.forRoot({ name: 'ser', config: SerConfig, configValue: opts.config }),
        QueueModule.forRoot(opts.driver ? { driver: opts.driver } : { driver: 'bullmq', redisUrl }),
        AudioStoreModule.forRoot(opts.store ? { store: opts.store } : { redisUrl }),
      ],
      providers: [SerEngine, SerProcessor],
      exports: [SerEngine],
    };
  }
}
