import { DynamicModule, Module } from '@nestjs/common';
import { ItnService } from '@earshot/itn';
import { QueueDriver, QueueModule, ServiceModule } from '@earshot/platform';
import { ItnConfig } from './itn.config';
import { ItnProcessor } from './itn.processor';

export interface ItnModuleOptions {
  config?: ItnConfig;
  /** Embedded mode and tests: hand in the queue driver instead of a Redis one. */
  driver?: QueueDriver;
}

@Module({})
export class ItnModule {
  static forRoot(opts: ItnModuleOptions = {}): DynamicModule {
    const redisUrl = (opts.config ?? new ItnConfig()).redisUrl;
    return {
      module: ItnModule,
      imports: [
        ServiceModule.forRoot({ name: 'itn', config: ItnConfig, configValue: opts.config }),
        QueueModule.forRoot(opts.driver ? { driver: opts.driver } : { driver: 'bullmq', redisUrl }),
      ],
      providers: [ItnService, ItnProcessor],
      exports: [ItnService],
    };
  }
}
