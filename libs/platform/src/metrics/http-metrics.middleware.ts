import type { NextFunction, Request, Response } from 'express';
import { MetricsService } from './metrics.service';

/**
 * The route label of a finished request: the matched route's template (`/v1/jobs/:id`, never the id itself); for
 * requests answered by mounted apps (swagger-ui, the queue dashboard) the mount point; other files served (the web
 * page) `static`; anything else `unmatched`, so scanners probing random paths cannot grow the series without bound.
 */
export function routeLabel(req: Request, status: number, mounts: readonly string[]): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${req.baseUrl ?? ''}${route.path}` || '/';
  const path = req.originalUrl.split('?')[0];
  const mount = mounts.find((m) => path === m || path.startsWith(`${m}/`));
  if (mount) return mount;
  return status < 400 ? 'static' : 'unmatched';
}

/** Express middleware counting every answer (including 401/404 ones no Nest interceptor sees) and timing it. */
export function httpMetrics(metrics: MetricsService, mounts: readonly string[] = []) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observeHttp(routeLabel(req, res.statusCode, mounts), req.method, res.statusCode, seconds);
    });
    next();
  };
}
