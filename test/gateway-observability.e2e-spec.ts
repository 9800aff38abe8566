import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { chromium } from 'playwright-core';
import { hashApiKey } from '@earshot/contracts';
import { InMemoryQueueDriver, loadConfig, MemoryAudioStore } from '@earshot/platform';
import { AedConfig } from '../apps/aed/src/aed.config';
import { AedModule } from '../apps/aed/src/aed.module';
import { AsrConfig } from '../apps/asr/src/asr.config';
import { AsrModule } from '../apps/asr/src/asr.module';
import { GatewayConfig } from '../apps/gateway/src/gateway.config';
import { createGatewayApp } from '../apps/gateway/src/gateway.app';
import { LidConfig } from '../apps/lid/src/lid.config';
import { LidModule } from '../apps/lid/src/lid.module';
import { envelope } from './support/http';
import { InProcessWorkers } from './support/in-process-workers';
import { parsePrometheus, promHas, promValue } from './support/prometheus';
import { sharedClip } from './support/shared-data';

// /health, /metrics, /docs and the queue dashboard over real HTTP: the real gateway and the real AED, ASR and LID
// workers (shipped models) on Redis, on a private key prefix and unique queue names. No SER or ITN worker runs, so
// jobs put on those queues stay waiting.
jest.setTimeout(90_000);

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const REPO = resolve(__dirname, '..');
const MODELS_DIR = resolve(REPO, 'models');
const SAMPLE = resolve(REPO, 'samples/digits-en.wav');
const CRY = 'audio/esc50/wav/crying_baby/3-152007-A.flac';
const CHROMIUM = '/usr/bin/chromium';
const itInBrowser = existsSync(CHROMIUM) ? it : it.skip;
if (!existsSync(CHROMIUM)) console.warn(`SKIPPED: ${CHROMIUM} is missing (apt-get install chromium), the in-browser checks of /docs and /admin/queues cannot run`);

const adminKey = 'admin-key-for-observability-tests';
const camKey = 'camera-key-for-observability-tests';
const transcribeKey = 'transcribe-key-for-observability-tests';

/** The parts of the OpenAPI document these tests read. */
interface Operation {
  security?: unknown[];
  requestBody: { content: Record<string, { schema: { properties: Record<string, unknown> } }> };
  responses: Record<string, { content: Record<string, { schema: { $ref?: string; required?: string[] } }> }>;
}
interface OpenApi {
  openapi: string;
  security: unknown;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: unknown; schemas: Record<string, { properties: { error: { required: string[] } } }> };
}

const openApi = async (res: Response) => (await res.json()) as OpenApi;

function base(app: INestApplication): string {
  return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
}

describe('observability: /health, /metrics, /docs, /admin/queues (gateway + AED, ASR, LID workers on Redis)', () => {
  const prefix = `obs-e2e-${randomUUID()}`;
  const queues = {
    cryQueue: `obs-cry-${randomUUID()}`,
    aedQueue: `obs-aed-${randomUUID()}`,
    asrQueue: `obs-asr-${randomUUID()}`,
    lidQueue: `obs-lid-${randomUUID()}`,
    serQueue: `obs-ser-${randomUUID()}`,
    itnQueue: `obs-itn-${randomUUID()}`,
    mergeQueue: `obs-merge-${randomUUID()}`,
  };
  const workers = new InProcessWorkers(REDIS_URL, prefix);
  const producer = workers.driver();
  let gateway: INestApplication;
  let gatewayConfig: GatewayConfig;
  let gw: string;
  /** Base URLs of the workers' HTTP ports. */
  let wk: string;
  let asr: string;
  let lid: string;

  const get = (url: string, key?: string) => fetch(url, { headers: key ? { Authorization: `Bearer ${key}` } : {} });
  const scrape = async (url: string, key?: string) => {
    const res = await get(`${url}/metrics`, key);
    expect(res.status).toBe(200);
    return parsePrometheus(await res.text());
  };
  const postCry = (body: Buffer) =>
    fetch(`${gw}/v1/cry-detection`, { method: 'POST', headers: { 'X-API-Key': camKey, 'Content-Type': 'audio/flac' }, body });

  beforeAll(async () => {
    const env = { REDIS_URL, MODELS_DIR };
    const boot = async (mod: unknown) => base(await workers.boot(mod, { listen: true }));
    [wk, asr, lid] = await Promise.all([
      boot(
        AedModule.forRoot({
          config: Object.assign(loadConfig(AedConfig, env), { cryQueue: queues.cryQueue, aedQueue: queues.aedQueue }),
          driver: workers.driver(),
          store: workers.store(),
        }),
      ),
      boot(
        AsrModule.forRoot({
          config: Object.assign(loadConfig(AsrConfig, { ...env, ASR_MODEL: 'digits-en-ctc' }), { queue: queues.asrQueue }),
          driver: workers.driver(),
          store: workers.store(),
        }),
      ),
      boot(
        LidModule.forRoot({
          config: Object.assign(loadConfig(LidConfig, env), { queue: queues.lidQueue }),
          driver: workers.driver(),
          store: workers.store(),
        }),
      ),
    ]);

    const config = Object.assign(
      loadConfig(GatewayConfig, {
        REDIS_URL,
        LOG_LEVEL: 'error',
        API_KEYS: [
          `ops:admin:${hashApiKey(adminKey)}`,
          `camera:cry-detection:${hashApiKey(camKey)}`,
          `web:transcribe:${hashApiKey(transcribeKey)}`,
        ].join(','),
        CRY_TIMEOUT_MS: '20000',
        SYNC_TIMEOUT_MS: '30000',
      }),
      queues,
    );
    gatewayConfig = config;
    gateway = await createGatewayApp({ config, queueDriver: workers.driver(), audioStore: workers.store() });
    await gateway.listen(0, '127.0.0.1');
    gw = base(gateway);
  });

  afterAll(async () => {
    await gateway?.close();
    await workers.close();
    await producer.close();
  });

  it('keeps /health open: Redis and ffmpeg on the gateway, Redis and the model on the worker', async () => {
    const g = await get(`${gw}/health`);
    expect(g.status).toBe(200);
    expect(await g.json()).toMatchObject({ status: 'ok', service: 'gateway', checks: { queue: { ok: true }, ffmpeg: { ok: true } } });
    const w = await get(`${wk}/health`);
    expect(w.status).toBe(200);
    expect(await w.json()).toMatchObject({ status: 'ok', service: 'aed', checks: { queue: { ok: true }, model: { ok: true, detail: 'aed-events' } } });
    expect(await (await get(`${asr}/health`)).json()).toMatchObject({ status: 'ok', checks: { model: { ok: true, detail: 'digits-en-ctc' } } });
  });

  it('keeps /metrics behind the admin scope, in the error envelope', async () => {
    const none = await get(`${gw}/metrics`);
    expect(none.status).toBe(401);
    expect((await envelope(none)).error).toMatchObject({ type: 'authentication_error', code: 'UNAUTHORIZED' });

    const camera = await get(`${gw}/metrics`, camKey);
    expect(camera.status).toBe(403);
    expect((await envelope(camera)).error.code).toBe('FORBIDDEN');

    const admin = await fetch(`${gw}/metrics`, { headers: { 'X-API-Key': adminKey } });
    expect(admin.status).toBe(200);
    expect(admin.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const samples = parsePrometheus(await admin.text());
    expect(promHas(samples, 'process_cpu_user_seconds_total', { service: 'gateway' })).toBe(true);
    expect(promHas(samples, 'nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('counts requests by route template and status, and times them', async () => {
    const route = { route: '/v1/cry-detection', method: 'POST' };
    const before = await scrape(gw, adminKey);
    const ok = await postCry(readFileSync(sharedClip(CRY)));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ crying: true, model: 'aed-events' });
    const bad = await fetch(`${gw}/v1/cry-detection`, { method: 'POST', headers: { 'X-API-Key': camKey }, body: Buffer.from('not audio at all '.repeat(10)) });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect((await fetch(`${gw}/no/such/route/${randomUUID()}`)).status).toBe(404);

    const after = await scrape(gw, adminKey);
    const count = (s: typeof after, status: string) => promValue(s, 'earshot_http_requests_total', { ...route, status });
    expect(count(after, '200') - count(before, '200')).toBe(1);
    expect(count(after, String(bad.status)) - count(before, String(bad.status))).toBe(1);
    expect(promValue(after, 'earshot_http_request_duration_seconds_count', { ...route, status: '200' })).toBeGreaterThanOrEqual(1);
    expect(promValue(after, 'earshot_http_request_duration_seconds_sum', { ...route, status: '200' })).toBeGreaterThan(0);
    // Unknown paths share one series, whatever they are.
    expect(promValue(after, 'earshot_http_requests_total', { route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(after.some((s) => s.labels.route?.includes('/no/such'))).toBe(false);
    // The 401 of the first scrape above was counted too.
    expect(promValue(after, 'earshot_http_requests_total', { route: '/metrics', status: '401' })).toBeGreaterThanOrEqual(1);
  });

  it('reports queue depths per queue and state on every scrape', async () => {
    // No ITN worker runs: a job added to its queue stays waiting.
    const id = await producer.add(queues.itnQueue, 'itn', { audio: { key: 'none', sampleRate: 16000, samples: 0 } }, { jobId: `obs-${randomUUID()}` });
    expect(id).toBeTruthy();
    const samples = await scrape(gw, adminKey);
    expect(promValue(samples, 'earshot_queue_jobs', { queue: queues.itnQueue, state: 'waiting' })).toBe(1);
    for (const q of Object.values(queues))
      for (const state of ['waiting', 'active', 'delayed', 'failed'])
        expect(promHas(samples, 'earshot_queue_jobs', { queue: q, state })).toBe(true);
  });

  it('counts job outcomes and model run times in the worker', async () => {
    const before = await scrape(wk);
    const ok = await postCry(readFileSync(sharedClip(CRY)).subarray(0)); // same clip: answered from the job id
    expect(ok.status).toBe(200);
    // A job that fails at once (bad payload), enqueued as a batch producer would.
    const badId = await producer.add(queues.cryQueue, 'cry', { audio: { key: 42 } }, { jobId: `obs-bad-${randomUUID()}` });
    await expect(producer.waitForResult(queues.cryQueue, badId, { timeoutMs: 15_000 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });

    const after = await scrape(wk);
    const jobs = (s: typeof after, outcome: string) => promValue(s, 'earshot_jobs_total', { service: 'aed', queue: queues.cryQueue, outcome });
    expect(jobs(after, 'completed')).toBeGreaterThanOrEqual(1);
    expect(jobs(after, 'failed') - jobs(before, 'failed')).toBe(1);
    expect(promValue(after, 'earshot_job_duration_seconds_count', { queue: queues.cryQueue, outcome: 'completed' })).toBeGreaterThanOrEqual(1);

    const model = { task: 'cry', model: 'aed-events' };
    expect(promValue(after, 'earshot_model_run_seconds_count', model)).toBeGreaterThanOrEqual(1);
    const sum = promValue(after, 'earshot_model_run_seconds_sum', model);
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThan(30);
    expect(promValue(after, 'earshot_model_run_seconds_bucket', { ...model, le: '+Inf' })).toBe(promValue(after, 'earshot_model_run_seconds_count', model));
    // The worker's own queues are watched too; its HTTP port is internal, so its /metrics needs no key.
    expect(promHas(after, 'earshot_queue_jobs', { queue: queues.cryQueue, state: 'waiting' })).toBe(true);
  });

  it('times ASR and LID model runs in their workers and counts the merge step in the gateway', async () => {
    const form = new FormData();
    form.append('file', new Blob([readFileSync(SAMPLE)], { type: 'audio/wav' }), 'digits-en.wav');
    form.append('tasks', 'asr,lid');
    form.append('itn', 'false');
    const res = await fetch(`${gw}/v1/understand`, { method: 'POST', headers: { Authorization: `Bearer ${transcribeKey}` }, body: form });
    expect(res.status).toBe(200);
    const transcript = (await res.json()) as { text: string; models: Record<string, string> };
    expect(transcript.text).toMatch(/four two seven one|4271/);
    expect(transcript.models).toMatchObject({ asr: 'digits-en-ctc', lid: 'lid-en-ko' });

    const asrRuns = await scrape(asr);
    expect(promValue(asrRuns, 'earshot_model_run_seconds_count', { service: 'asr', task: 'asr', model: 'digits-en-ctc' })).toBeGreaterThanOrEqual(1);
    expect(promValue(asrRuns, 'earshot_jobs_total', { queue: queues.asrQueue, outcome: 'completed' })).toBeGreaterThanOrEqual(1);
    const lidRuns = await scrape(lid);
    // One run per segment the LID worker scored.
    expect(promValue(lidRuns, 'earshot_model_run_seconds_count', { service: 'lid', task: 'lid', model: 'lid-en-ko' })).toBeGreaterThanOrEqual(1);
    const gateway = await scrape(gw, adminKey);
    expect(promValue(gateway, 'earshot_jobs_total', { service: 'gateway', queue: queues.mergeQueue, outcome: 'completed' })).toBeGreaterThanOrEqual(1);
    expect(promValue(gateway, 'earshot_http_requests_total', { route: '/v1/understand', method: 'POST', status: '200' })).toBeGreaterThanOrEqual(1);
  });

  it('serves swagger-ui and its assets from the gateway itself', async () => {
    const page = await get(`${gw}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toMatch(/swagger-ui/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const a of assets) {
      const res = await get(new URL(a, `${gw}/docs`).toString()); // as a browser resolves them from the page
      expect([a, res.status]).toEqual([a, 200]);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
    const init = await (await get(`${gw}/docs/swagger-ui-init.js`)).text();
    expect(init).toMatch(/swaggerDoc|openapi/);
    const docs = (await scrape(gw, adminKey)).filter((x) => x.name === 'earshot_http_requests_total' && x.labels.route.startsWith('/docs'));
    expect(docs.reduce((n, x) => n + x.value, 0)).toBeGreaterThanOrEqual(assets.length + 2);
  });

  it('describes every route, both key schemes, multipart bodies and the error envelope in /docs/openapi.json', async () => {
    const res = await get(`${gw}/docs/openapi.json`);
    expect(res.status).toBe(200);
    const doc = await openApi(res);
    expect(doc.openapi).toMatch(/^3\./);
    for (const [path, method] of [
      ['/v1/audio/transcriptions', 'post'],
      ['/v1/understand', 'post'],
      ['/v1/cry-detection', 'post'],
      ['/health', 'get'],
      ['/metrics', 'get'],
      ['/admin/queues', 'get'],
    ])
      expect([path, method, Boolean(doc.paths[path]?.[method])]).toEqual([path, method, true]);
    // Every route the gateway serves is in the document, whoever added it (swagger-ui's own pages aside).
    const express = gateway.getHttpAdapter().getInstance() as {
      router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
    };
    const served = express.router.stack.flatMap(({ route }) =>
      route && !route.path.startsWith('/docs') ? Object.keys(route.methods).filter((m) => m !== '_all').map((m) => `${m} ${route.path}`) : [],
    );
    expect(served.length).toBeGreaterThanOrEqual(5);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    expect(documented).toEqual(expect.arrayContaining(served));
    expect(doc.components.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
      apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
    });
    expect(doc.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(doc.paths['/metrics'].get.security).toBeUndefined();
    const upload = doc.paths['/v1/audio/transcriptions'].post;
    expect(upload.requestBody.content['multipart/form-data'].schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(upload.responses['400'].content['application/json'].schema.$ref).toBe('#/components/schemas/ErrorEnvelope');
    expect(doc.components.schemas.ErrorEnvelope.properties.error.required).toEqual(['message', 'type', 'param', 'code']);
    expect(doc.paths['/v1/cry-detection'].post.responses['200'].content['application/json'].schema.required).toContain('crying');
  });

  it('serves the queue dashboard to admin keys only, listing every queue the gateway names', async () => {
    expect((await get(`${gw}/admin/queues`)).status).toBe(401);
    const camera = await get(`${gw}/admin/queues/api/queues`, camKey);
    expect(camera.status).toBe(403);
    expect((await envelope(camera)).error.code).toBe('FORBIDDEN');

    const page = await get(`${gw}/admin/queues`, adminKey);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toMatch(/<div id="root">/);
    const script = /src="(static\/js\/main[^"]+)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const js = await get(`${gw}/admin/queues/${script}`, adminKey);
    expect(js.status).toBe(200);
    expect((await js.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    // No SER worker runs: a job added to its queue waits there, and the dashboard shows it.
    await producer.add(queues.serQueue, 'ser', { audio: { key: 'none', sampleRate: 16000, samples: 0 } }, { jobId: `obs-${randomUUID()}` });
    const api = await get(`${gw}/admin/queues/api/queues`, adminKey);
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: Array<{ name: string; counts: Record<string, number> }> };
    const names = body.queues.map((q) => q.name).sort();
    expect(names).toEqual(gatewayConfig.queueNames().sort());
    expect(names).toEqual(expect.arrayContaining(Object.values(queues)));
    expect(body.queues.find((q) => q.name === queues.serQueue)?.counts.waiting).toBe(1);

    // Counted under the mount point, or under bull-board's own route templates (never a job id or file name).
    const samples = await scrape(gw, adminKey);
    expect(promValue(samples, 'earshot_http_requests_total', { route: '/admin/queues', status: '401' })).toBeGreaterThanOrEqual(1);
    expect(promValue(samples, 'earshot_http_requests_total', { route: '/admin/queues/api/queues', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(samples.some((x) => x.labels.route?.includes('static/js'))).toBe(false);
  });

  itInBrowser('renders swagger-ui and the dashboard in chromium with nothing fetched from elsewhere', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
    try {
      const context = await browser.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${adminKey}` } });
      const page = await context.newPage();
      const foreign: string[] = [];
      const problems: string[] = [];
      // Blocked before it leaves: a page that asks for a CDN or web font is caught here even offline.
      await context.route(/.*/, (route) => {
        const url = route.request().url();
        if (url.startsWith(gw) || url.startsWith('data:')) return route.continue();
        foreign.push(url);
        return route.abort();
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
      });

      await page.goto(`${gw}/docs`);
      await page.locator('.opblock-summary-path', { hasText: '/v1/audio/transcriptions' }).first().waitFor({ timeout: 20_000 });
      expect(await page.locator('.opblock').count()).toBeGreaterThanOrEqual(5);
      expect(problems).toEqual([]);
      expect(foreign).toEqual([]);

      await page.goto(`${gw}/admin/queues`);
      await page.getByText(queues.cryQueue).first().waitFor({ timeout: 20_000 });
      // bull-board's page links IBM Plex from Google Fonts: the gateway's CSP refuses it (nothing leaves), the page
      // falls back to local fonts. That refusal is the only complaint allowed.
      expect(problems.filter((p) => !p.includes('https://fonts.googleapis.com/'))).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('observability in embedded mode (in-memory queues, METRICS_PUBLIC=true)', () => {
  let gateway: INestApplication;
  let gw: string;

  beforeAll(async () => {
    const config = loadConfig(GatewayConfig, { LOG_LEVEL: 'error', API_KEYS: `ops:admin:${hashApiKey(adminKey)}`, METRICS_PUBLIC: 'true' });
    gateway = await createGatewayApp({ config, queueDriver: new InMemoryQueueDriver(), audioStore: new MemoryAudioStore() });
    await gateway.listen(0, '127.0.0.1');
    gw = base(gateway);
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('opens /metrics without a key, with depths from the in-memory driver', async () => {
    const res = await fetch(`${gw}/metrics`);
    expect(res.status).toBe(200);
    const samples = parsePrometheus(await res.text());
    expect(promHas(samples, 'earshot_queue_jobs', { queue: 'earshot.cry.v1', state: 'waiting' })).toBe(true);
    const doc = await openApi(await fetch(`${gw}/docs/openapi.json`));
    expect(doc.paths['/metrics'].get.security).toEqual([]);
  });

  it('has no queue dashboard (nothing to show outside this process)', async () => {
    const res = await fetch(`${gw}/admin/queues`, { headers: { Authorization: `Bearer ${adminKey}` } });
    expect(res.status).toBe(404);
    expect((await envelope(res)).error.code).toBe('NOT_FOUND');
    const doc = await openApi(await fetch(`${gw}/docs/openapi.json`));
    expect(doc.paths['/admin/queues']).toBeUndefined();
  });
});
