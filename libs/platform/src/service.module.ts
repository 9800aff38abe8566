import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { HealthController } from './health/health.controller';
import { HealthRegistry } from './health/health-check';
import { SERVICE_NAME } from './service-name';
import { loadConfig } from './config/load-config';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';

/**
 * What every service has: its name, its validated configuration (injectable by its class), /health and /metrics.
 * Config is validated when the module is built, so a bad environment stops the boot with a clear message.
 */
@Module({})
export class ServiceModule {
  static forRoot<C extends object>(opts: { name: string; config: Type<C>; configValue?: C }): DynamicModule {
    const config: Provider = opts.configValue
      ? { provide: opts.config, useValue: opts.configValue }
      : { provide: opts.config, useFactory: () => loadConfig(opts.config) };
    return {
      module: ServiceModule,
      global: true,
      controllers: [HealthController, MetricsController],
      providers: [{ provide: SERVICE_NAME, useValue: opts.name }, config, HealthRegistry, MetricsService],
      exports: [SERVICE_NAME, opts.config, HealthRegistry, MetricsService],
    };
  }
}
