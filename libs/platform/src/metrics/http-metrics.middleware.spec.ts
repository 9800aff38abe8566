import type { Request } from 'express';
import { routeLabel } from './http-metrics.middleware';

const req = (r: Partial<Request> & { route?: { path: string } }) => ({ baseUrl: '', ...r }) as unknown as Request;
const mounts = ['/docs', '/admin/queues'];

describe('routeLabel', () => {
  it('uses the matched route template, never the concrete path', () => {
    expect(routeLabel(req({ originalUrl: '/v1/jobs/abc123', route: { path: '/v1/jobs/:id' } }), 200, mounts)).toBe('/v1/jobs/:id');
    expect(routeLabel(req({ originalUrl: '/admin/queues/api/queues', baseUrl: '/admin/queues', route: { path: '/api/queues' } }), 200, mounts)).toBe(
      '/admin/queues/api/queues',
    );
  });

  it('falls back to the mount point of mounted apps, then to one label for files served and one for the rest', () => {
    expect(routeLabel(req({ originalUrl: '/docs/swagger-ui.css?x=1' }), 200, mounts)).toBe('/docs');
    expect(routeLabel(req({ originalUrl: '/admin/queues' }), 401, mounts)).toBe('/admin/queues');
    expect(routeLabel(req({ originalUrl: '/docsx/evil' }), 404, mounts)).toBe('unmatched');
    expect(routeLabel(req({ originalUrl: '/wp-login.php' }), 404, mounts)).toBe('unmatched');
    expect(routeLabel(req({ originalUrl: '/app.js' }), 200, mounts)).toBe('static');
  });
});
