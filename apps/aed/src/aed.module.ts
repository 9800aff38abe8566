import { DynamicModule, Module } from '@nestjs/common';
import { AudioStore, AudioStoreModule, bullmqFromConfig, QueueDriver, QueueModule, ServiceModule } from '@earshot/platform';
import { AedConfig } from './aed.config';
import { AedEngine } from './aed-engine.service';
import { AedProcessor } from './aed.processor';
import { CryProcessor } from './cry.processor';

export interface AedModuleOptions {
  config?: AedConfig;
  /** Embedded mode and tests: hand in the queue driver and audio store instead of Redis ones. */
  driver?: QueueDriver;
  store?: AudioStore;
}

@Module({})
export class AedModule {
  static forRoot(opts: AedModuleOptions = {}): DynamicModule {
    const config = opts.config ?? new AedConfig();
    const redisUrl = config.redisUrl;
    return {
      module: AedModule,
      imports: [
        ServiceModule.forRoot({ name: 'aed', config: AedConfig, configValue: opts.config }),
        QueueModule.forRoot(opts.driver ? { driver: opts.driver } : bullmqFromConfig(config)),
        AudioStoreModule.forRoot(opts.store ? { store: opts.store } : { redisUrl }),
      ],
      providers: [AedEngine, ...(config.serves('cry') ? [CryProcessor] : []), ...(config.serves('aed') ? [AedProcessor] : [])],
      exports: [AedEngine],
    };
  }
}
