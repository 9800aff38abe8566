export * from './config/load-config';
export * from './config/common.config';
export * from './http/global-exception.filter';
export * from './health/health-check';
export * from './health/health.controller';
export * from './service-name';
export * from './bootstrap';
export * from './service.module';
