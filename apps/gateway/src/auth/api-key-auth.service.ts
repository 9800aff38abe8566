import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EarshotError } from '@earshot/contracts';
import { GatewayConfig } from '../gateway.config';
import { ApiKeyEntry, findApiKey, Scope } from './api-keys';
import { RateLimiter } from './rate-limiter';

export interface AuthenticatedRequest extends Request {
  apiKey?: ApiKeyEntry;
}

function presentedKey(req: Request): string | undefined {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && /^Bearer\s+/i.test(auth)) return auth.replace(/^Bearer\s+/i, '').trim();
  const header = req.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : undefined;
}

/**
 * The gateway's one API-key check: key (Bearer or X-API-Key), scope, then the per-key rate limit (429 with
 * Retry-After). Used by the global guard for Nest routes and by `requireScope` for mounted express apps.
 */
@Injectable()
export class ApiKeyAuth {
  private readonly keys: ApiKeyEntry[];
  private readonly limiter = new RateLimiter();

  constructor(private readonly config: GatewayConfig) {
    this.keys = config.keys();
  }

  /** Throws the typed error (401, 403 or 429) the error envelope reports; returns when the request may go on. */
  authorize(req: AuthenticatedRequest, res: Response, scope: Scope | undefined): void {
    let bucket: string;
    let rate = this.config.rateLimitPerMinute;
    if (this.config.authMode === 'keys') {
      const presented = presentedKey(req);
      if (!presented) throw new EarshotError('UNAUTHORIZED', 'Missing API key: send Authorization: Bearer <key> or X-API-Key');
      const key = findApiKey(this.keys, presented);
      if (!key) throw new EarshotError('UNAUTHORIZED', 'Invalid API key');
      if (scope && !key.scopes.has(scope) && !key.scopes.has('admin')) {
        throw new EarshotError('FORBIDDEN', `This API key lacks the '${scope}' scope`);
      }
      req.apiKey = key;
      bucket = `key:${key.name}`;
      rate = key.ratePerMinute ?? rate;
    } else {
      bucket = `ip:${req.ip}`;
    }
    const wait = this.limiter.take(bucket, rate);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      throw new EarshotError('RATE_LIMITED', `Rate limit of ${rate} requests per minute exceeded; retry in ${wait} s`);
    }
  }
}
