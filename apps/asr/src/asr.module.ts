import { DynamicModule, Module } from '@nestjs/common';
import { AudioStore, AudioStoreModule, bullmqFromConfig, QueueDriver, QueueModule, ServiceModule } from '@earshot/platform';
import { AsrConfig } from './asr.config';
import { AsrEngine } from './asr-engine.service';
import { AsrProcessor } from './asr.processor';

export interface AsrModuleOptions {
  config?: AsrConfig;
  /** Embedded mode and tests: hand in the queue driver and audio store instead of Redis ones. */
  driver?: QueueDriver;
  store?: AudioStore;
}

@Module({})
export class AsrModule {
  static forRoot(opts: AsrModuleOptions = {}): DynamicModule {
    const config = opts.config ?? new AsrConfig();
    const redisUrl = config.redisUrl;
    return {
      module: AsrModule,
      imports: [
        ServiceModule.forRoot({ name: 'asr', config: AsrConfig, configValue: opts.config }),
        QueueModule.forRoot(opts.driver ? { driver: opts.driver } : bullmqFromConfig(config)),
        AudioStoreModule.forRoot(opts.store ? { store: opts.store } : { redisUrl }),
      ],
      providers: [AsrEngine, AsrProcessor],
      exports: [AsrEngine],
    };
  }
}
