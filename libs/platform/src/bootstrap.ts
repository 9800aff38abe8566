import { setPriority } from 'node:os';
import { INestApplication, Logger, LogLevel as NestLogLevel, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EarshotError } from '@earshot/contracts';
import { GlobalExceptionFilter } from './http/global-exception.filter';
import { LOG_LEVELS, LogLevel } from './config/common.config';
import { httpMetrics } from './metrics/http-metrics.middleware';
import { MetricsService } from './metrics/metrics.service';

export function nestLogLevels(level: LogLevel): NestLogLevel[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1) as NestLogLevel[];
}

/**
 * Boots one service: validated config (the module's providers throw on bad env), the error envelope,
 * shutdown hooks so workers and queues close on SIGTERM, then listens. Config errors exit with one line.
 */
export async function bootstrapService(
  module: Type<unknown>,
  opts: { name: string; port: number; logLevel: LogLevel; cpuNice?: number },
): Promise<INestApplication> {
  if (opts.cpuNice) setPriority(process.pid, opts.cpuNice);
  const app = await NestFactory.create(module, { logger: nestLogLevels(opts.logLevel), abortOnError: false });
  app.use(httpMetrics(app.get(MetricsService)));
  app.useGlobalFilters(new GlobalExceptionFilter());
  // Exit 0 after a clean shutdown (Nest would otherwise re-raise the signal and the exit status would say killed).
  app.enableShutdownHooks(undefined, { useProcessExit: true });
  await app.listen(opts.port, '0.0.0.0');
  new Logger(opts.name).log(`listening on :${opts.port}`);
  return app;
}

/** For a main.ts: run, and on a startup failure print one clear line and exit non-zero. */
export function runMain(name: string, start: () => Promise<unknown>): void {
  start().catch((err: unknown) => {
    const msg = err instanceof EarshotError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
    process.stderr.write(`${name}: failed to start: ${msg}\n`);
    process.exit(1);
  });
}
