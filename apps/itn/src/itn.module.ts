import { DynamicModule, Module } from '@nestjs/common';
import { ItnService } from '@earshot/itn';
import { bullmqFromConfig, QueueDriver, QueueModule, ServiceModule } from '@earshot/platform';
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
    const config = opts.config ?? new ItnConfig();
    return {
      module: ItnModule,
      imports: [
        ServiceModule.forRoot({ name: 'itn', config: ItnConfig, configValue: opts.config }),
        QueueModule.forRoot(opts.driver ? { driver: opts.driver } : bullmqFromConfig(config)),
      ],
      providers: [ItnService, ItnProcessor],
      exports: [ItnService],
    };
  }
}
