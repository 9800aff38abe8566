import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { QueueDriver, QueueModule, ServiceModule } from '@earshot/platform';
import { GatewayConfig } from './gateway.config';
import { ApiKeyGuard } from './auth/api-key.guard';

export interface GatewayModuleOptions {
  config: GatewayConfig;
  /** Embedded mode and tests hand in their own driver; services connect to Redis. */
  queueDriver?: QueueDriver;
}

@Module({})
export class GatewayModule {
  static forRoot({ config, queueDriver }: GatewayModuleOptions): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ServiceModule.forRoot({ name: 'gateway', config: GatewayConfig, configValue: config }),
        QueueModule.forRoot(queueDriver ? { driver: queueDriver } : { driver: 'bullmq', redisUrl: config.redisUrl }),
      ],
      providers: [{ provide: APP_GUARD, useClass: ApiKeyGuard }],
    };
  }
}
