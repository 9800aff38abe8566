import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Response } from 'express';

/**
 * The try-it page's own policy, stricter than the API's: everything from the gateway itself, no inline script or
 * style (the page sets positions through the CSSOM, which CSP does not govern).
 */
export const WEB_PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Where `npm run build` put the page (dist/web): beside the compiled gateway (dist/apps/gateway/src/http → dist), or
 * under the repository when the gateway runs from source (tests).
 */
export function webPageDir(): string | undefined {
  const candidates = [
    join(__dirname, '..', '..', '..', '..', 'web'),
    join(__dirname, '..', '..', '..', '..', 'dist', 'web'),
  ];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

/**
 * Serves the page's static files at `/`. They are public like any web page; every API call the page makes goes
 * through the same key guard as other clients. Files missing → requests fall through to the API's 404.
 */
export function serveWebPage(app: NestExpressApplication, dir: string): void {
  app.useStaticAssets(dir, {
    index: 'index.html',
    redirect: false,
    dotfiles: 'ignore',
    fallthrough: true,
    setHeaders: (res: Response, path: string) => {
      if (path.endsWith('.html')) res.setHeader('Content-Security-Policy', WEB_PAGE_CSP);
      // The page and its modules change with every build: revalidate (ETag) rather than run a stale mix.
      res.setHeader('Cache-Control', 'no-cache');
    },
  });
}
