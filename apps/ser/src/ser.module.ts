import { DynamicModule, Module } from '@nestjs/common';
import { AudioStore, AudioStoreModule, bullmqFromConfig, QueueDriver, QueueModule, ServiceModule } from '@earshot/platform';
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
    const config = opts.config ?? new SerConfig();
    const redisUrl = config.redisUrl;
    return {
      module: SerModule,
      imports: [
        ServiceModule.forRoot({ name: 'ser', config: SerConfig, configValue: opts.config }),
        QueueModule.forRoot(opts.driver ? { driver: opts.driver } : bullmqFromConfig(config)),
        AudioStoreModule.forRoot(opts.store ? { store: opts.store } : { redisUrl }),
      ],
      providers: [SerEngine, SerProcessor],
      exports: [SerEngine],
    };
  }
}
