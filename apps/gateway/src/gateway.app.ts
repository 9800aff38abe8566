import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { GlobalExceptionFilter, httpMetrics, MetricsService, nestLogLevels, QUEUE_DRIVER, QueueDriver } from '@earshot/platform';
import { mountQueueDashboard, QUEUE_DASHBOARD_PATH } from './admin/queue-dashboard';
import { GatewayConfig } from './gateway.config';
import { GatewayModule, GatewayModuleOptions } from './gateway.module';
import { securityHeaders } from './http/security-headers.middleware';
import { DOCS_PATH, mountApiDocs } from './http/api-docs.setup';
import { serveWebPage, webPageDir } from './http/web-page';

/** Builds the gateway app (used by main.ts and by e2e tests), not yet listening. */
export async function createGatewayApp(opts: GatewayModuleOptions): Promise<INestApplication> {
  const config: GatewayConfig = opts.config;
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(opts), {
    logger: nestLogLevels(config.logLevel),
    abortOnError: false,
    bodyParser: false,
  });
  const metrics = app.get(MetricsService);
  // First, so every answer is counted, including the 401s and 404s that never reach a controller.
  app.use(httpMetrics(metrics, [DOCS_PATH, QUEUE_DASHBOARD_PATH]));
  // Express announces itself by default; a server facing the internet says nothing about its stack.
  app.disable('x-powered-by');
  app.use(securityHeaders);
  const web = webPageDir();
  if (web) serveWebPage(app, web);
  else new Logger('gateway').warn('The try-it page is not built (npm run build); GET / answers 404');
  const origins = config.corsOrigins.split(',').map((s) => s.trim()).filter(Boolean);
  if (origins.length > 0) app.enableCors({ origin: origins, exposedHeaders: ['x-request-id', 'Retry-After'] });
  app.useGlobalFilters(new GlobalExceptionFilter());
  const queues = config.queueNames();
  for (const q of queues) metrics.watchQueue(q);
  const dashboard = mountQueueDashboard(app, app.get<QueueDriver>(QUEUE_DRIVER), queues);
  mountApiDocs(app, config, dashboard);
  // Exit 0 after a clean shutdown (Nest would otherwise re-raise the signal and the exit status would say killed).
  app.enableShutdownHooks(undefined, { useProcessExit: true });
  return app;
}
