import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { hashApiKey } from '@earshot/contracts';
import { loadConfig } from '@earshot/platform';
import { GatewayConfig } from '../apps/gateway/src/gateway.config';
import { createGatewayApp } from '../apps/gateway/src/gateway.app';
import { envelope } from './support/http';
import { wav16 } from './support/wav';

// The gateway's auth and limits over real HTTP (a listening socket on 127.0.0.1, fetch as the client) with real
// Redis. No worker runs: every request here is settled by the gateway before any job would be queued.
jest.setTimeout(60_000);


const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ALLOWED_ORIGIN = 'https://app.example';
const KEYS = {
  transcribe: 'esk_test_transcribe_key',
  cry: 'esk_test_camera_key',
  jobs: 'esk_test_jobs_key',
  admin: 'esk_test_admin_key',
  slow: 'esk_test_slow_key',
};

type Scope = 'transcribe' | 'cry-detection' | 'jobs';
interface Route {
  path: string;
  scope: Scope;
  /** A request that passes auth and then fails validation (400), so no worker is needed. */
  invalid(): RequestInit;
}

function emptyUpload(): RequestInit {
  const form = new FormData();
  form.append('file', new Blob([]), 'empty.wav');
  return { method: 'POST', body: form };
}

const ROUTES: Route[] = [
  { path: '/v1/understand', scope: 'transcribe', invalid: emptyUpload },
  { path: '/v1/audio/transcriptions', scope: 'transcribe', invalid: emptyUpload },
  { path: '/v1/jobs', scope: 'jobs', invalid: emptyUpload },
  {
    path: '/v1/cry-detection',
    scope: 'cry-detection',
    invalid: () => ({ method: 'POST', headers: { 'content-type': 'audio/wav' }, body: new Uint8Array(0) }),
  },
];

async function listen(env: Record<string, string>): Promise<{ app: INestApplication; base: string }> {
  const config = Object.assign(loadConfig(GatewayConfig, { REDIS_URL, LOG_LEVEL: 'error', ...env }), {
    asrQueue: `auth-asr-${randomUUID()}`,
    cryQueue: `auth-cry-${randomUUID()}`,
    mergeQueue: `auth-merge-${randomUUID()}`,
  });
  const app = await createGatewayApp({ config });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, base: `http://127.0.0.1:${port}` };
}

describe('gateway auth and limits over real HTTP', () => {
  const apps: INestApplication[] = [];
  let base: string;
  let closedBase: string;

  beforeAll(async () => {
    const main = await listen({
      API_KEYS: [
        `web:transcribe:${hashApiKey(KEYS.transcribe)}`,
        `camera:cry-detection:${hashApiKey(KEYS.cry)}`,
        `batch:jobs:${hashApiKey(KEYS.jobs)}`,
        `ops:admin:${hashApiKey(KEYS.admin)}`,
        `slow:transcribe:${hashApiKey(KEYS.slow)}:2`,
      ].join(','),
      CORS_ORIGINS: ALLOWED_ORIGIN,
      MAX_UPLOAD_BYTES: '100000',
      MAX_AUDIO_SECONDS: '1',
      CRY_MAX_SECONDS: '1',
    });
    apps.push(main.app);
    base = main.base;
    // Defaults: AUTH_MODE=keys, no API_KEYS, no CORS_ORIGINS.
    const closed = await listen({});
    apps.push(closed.app);
    closedBase = closed.base;
  });

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
  });

  const call = (path: string, init: RequestInit, headers: Record<string, string> = {}, at = base) =>
    fetch(`${at}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), ...headers } });
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  describe.each(ROUTES)('$path (scope $scope)', (route) => {
    const byScope: Record<Scope, string> = { transcribe: KEYS.transcribe, 'cry-detection': KEYS.cry, jobs: KEYS.jobs };
    const rightKey = byScope[route.scope];
    const wrongKeys = Object.values(byScope).filter((k) => k !== rightKey);

    it('no key → 401', async () => {
      const res = await call(route.path, route.invalid());
      expect(res.status).toBe(401);
      expect((await envelope(res)).error).toMatchObject({ type: 'authentication_error', code: 'UNAUTHORIZED' });
    });

    it('bad key (Bearer and X-API-Key), or a key prefix → 401', async () => {
      for (const headers of [bearer('esk_not_a_key'), { 'x-api-key': 'esk_not_a_key' }, bearer(rightKey.slice(0, -1)), { authorization: rightKey }]) {
        const res = await call(route.path, route.invalid(), headers);
        expect(res.status).toBe(401);
        expect((await envelope(res)).error.code).toBe('UNAUTHORIZED');
      }
    });

    it('wrong scope (the other scopes’ keys) → 403', async () => {
      for (const key of wrongKeys) {
        const res = await call(route.path, route.invalid(), bearer(key));
        expect(res.status).toBe(403);
        expect((await envelope(res)).error).toMatchObject({ type: 'permission_error', code: 'FORBIDDEN' });
      }
    });

    it('right scope, or admin, with Bearer or X-API-Key → past auth (400 for the empty audio)', async () => {
      for (const headers of [bearer(rightKey), { 'x-api-key': rightKey }, bearer(KEYS.admin)]) {
        const res = await call(route.path, route.invalid(), headers);
        expect(res.status).toBe(400);
        expect((await envelope(res)).error.type).toBe('invalid_request_error');
      }
    });

    it('with no keys configured (the defaults) even a plausible key is refused', async () => {
      const res = await call(route.path, route.invalid(), bearer(rightKey), closedBase);
      expect(res.status).toBe(401);
    });
  });

  it('/health is open, on both gateways', async () => {
    for (const at of [base, closedBase]) {
      const res = await fetch(`${at}/health`);
      expect(res.status).toBe(200);
    }
  });

  it('per-key rate limit → 429 RATE_LIMITED with Retry-After, other keys unaffected', async () => {
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 3; i++) {
      const res = await call('/v1/understand', emptyUpload(), bearer(KEYS.slow));
      statuses.push(res.status);
      if (res.status === 429) limited = res;
      else await res.body?.cancel();
    }
    expect(statuses).toEqual([400, 400, 429]);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await envelope(limited!)).error).toMatchObject({ type: 'rate_limit_error', code: 'RATE_LIMITED' });
    const other = await call('/v1/understand', emptyUpload(), bearer(KEYS.transcribe));
    expect(other.status).toBe(400);
  });

  it('upload limit → 413 AUDIO_TOO_LARGE; duration limits → 413 AUDIO_TOO_LONG (transcription and cry)', async () => {
    const big = new FormData();
    big.append('file', new Blob([new Uint8Array(150_000)]), 'big.wav');
    const tooBig = await call('/v1/understand', { method: 'POST', body: big }, bearer(KEYS.transcribe));
    expect(tooBig.status).toBe(413);
    expect((await envelope(tooBig)).error.code).toBe('AUDIO_TOO_LARGE');

    const twoSeconds = wav16(new Float32Array(2 * 16000).map((_, i) => 0.2 * Math.sin(i / 5)));
    const long = new FormData();
    long.append('file', new Blob([twoSeconds]), 'two-seconds.wav');
    const tooLong = await call('/v1/understand', { method: 'POST', body: long }, bearer(KEYS.transcribe));
    expect(tooLong.status).toBe(413);
    expect((await envelope(tooLong)).error.code).toBe('AUDIO_TOO_LONG');

    const cry = await call('/v1/cry-detection', { method: 'POST', headers: { 'content-type': 'audio/wav' }, body: twoSeconds }, bearer(KEYS.cry));
    expect(cry.status).toBe(413);
    expect((await envelope(cry)).error.code).toBe('AUDIO_TOO_LONG');

    const cryBig = await call('/v1/cry-detection', { method: 'POST', headers: { 'content-type': 'audio/wav' }, body: new Uint8Array(150_000) }, bearer(KEYS.cry));
    expect(cryBig.status).toBe(413);
    expect((await envelope(cryBig)).error.code).toBe('AUDIO_TOO_LARGE');
  });

  it('CORS: the configured origin passes a preflight, others and a gateway without CORS_ORIGINS get no grant', async () => {
    const preflight = (origin: string, at = base) =>
      fetch(`${at}/v1/understand`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
      });
    const allowed = await preflight(ALLOWED_ORIGIN);
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');

    const denied = await preflight('https://evil.example');
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    const off = await preflight(ALLOWED_ORIGIN, closedBase);
    expect(off.headers.get('access-control-allow-origin')).toBeNull();

    // A simple cross-origin request from the allowed origin can read Retry-After and the request id.
    const actual = await call('/v1/understand', emptyUpload(), { ...bearer(KEYS.transcribe), origin: ALLOWED_ORIGIN });
    expect(actual.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(actual.headers.get('access-control-expose-headers')?.toLowerCase()).toContain('retry-after');
  });

  it('security headers on every answer (health, errors, auth failures), no X-Powered-By', async () => {
    const answers = [
      await fetch(`${base}/health`),
      await call('/v1/understand', emptyUpload()),
      await call('/v1/cry-detection', ROUTES.find((r) => r.scope === 'cry-detection')!.invalid(), bearer(KEYS.cry)),
      await fetch(`${base}/no-such-route`),
    ];
    for (const res of answers) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9._-]+$/);
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
    // A caller's sane request id is echoed; a hostile one is replaced.
    const echoed = await fetch(`${base}/health`, { headers: { 'x-request-id': 'cam-42.retry_1' } });
    expect(echoed.headers.get('x-request-id')).toBe('cam-42.retry_1');
    const replaced = await fetch(`${base}/health`, { headers: { 'x-request-id': 'a b<script>' } });
    expect(replaced.headers.get('x-request-id')).not.toContain('<');
  });

  it('an unknown route is 404 in the envelope, not a way around auth', async () => {
    const res = await call('/v1/nothing-here', { method: 'POST', body: 'x' });
    expect(res.status).toBe(404);
    expect((await envelope(res)).error.type).toBe('invalid_request_error');
  });
});
