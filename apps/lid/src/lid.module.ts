import { DynamicModule, Module } from '@nestjs/common';
import { AudioStore, AudioStoreModule, bullmqFromConfig, QueueDriver, QueueModule, ServiceModule } from '@earshot/platform';
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
    const config = opts.config ?? new LidConfig();
    const redisUrl = config.redisUrl;
    return {
      module: LidModule,
      imports: [
        ServiceModule.forRoot({ name: 'lid', config: LidConfig, configValue: opts.config }),
        QueueModule.forRoot(opts.driver ? { driver: opts.driver } : bullmqFromConfig(config)),
        AudioStoreModule.forRoot(opts.store ? { store: opts.store } : { redisUrl }),
      ],
      providers: [LidEngine, LidProcessor],
      exports: [LidEngine],
    };
  }
}
