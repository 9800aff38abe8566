/** @jest-environment ./test/onnx-realm.environment.js */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Browser, chromium, Page } from 'playwright-core';
import { hashApiKey, RichTranscript } from '@earshot/contracts';
import { loadConfig } from '@earshot/platform';
import { AedConfig } from '../apps/aed/src/aed.config';
import { AedModule } from '../apps/aed/src/aed.module';
import { AsrConfig } from '../apps/asr/src/asr.config';
import { AsrModule } from '../apps/asr/src/asr.module';
import { GatewayConfig } from '../apps/gateway/src/gateway.config';
import { createGatewayApp } from '../apps/gateway/src/gateway.app';
import { ItnConfig } from '../apps/itn/src/itn.config';
import { ItnModule } from '../apps/itn/src/itn.module';
import { LidConfig } from '../apps/lid/src/lid.config';
import { LidModule } from '../apps/lid/src/lid.module';
import { SerConfig } from '../apps/ser/src/ser.config';
import { SerModule } from '../apps/ser/src/ser.module';
import { InProcessWorkers } from './support/in-process-workers';

// The try-it page in a real browser (Debian's chromium through playwright-core) against the real gateway and the
// ASR, ITN, LID, SER and AED workers on Redis (private BullMQ prefix) with the shipped models: upload, microphone
// recording (chromium's fake capture device playing a shipped sample), timeline, playback, downloads, phone layout.
jest.setTimeout(120_000);

const REPO = resolve(__dirname, '..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const MODELS_DIR = join(REPO, 'models');
const CHROMIUM = '/usr/bin/chromium';
const SAMPLE = join(REPO, 'samples/digits-en.wav');
const ARTIFACTS = join(REPO, 'artifacts');
const HAVE_MODELS = ['digits-en-ctc', 'aed-events', 'lid-en-ko', 'ser-4class'].every((m) =>
  existsSync(join(MODELS_DIR, m, 'manifest.json')),
);
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_MODELS) console.warn('SKIPPED: a shipped model is missing, the web page e2e cannot run');
if (!HAVE_CHROMIUM)
  console.warn(`SKIPPED: ${CHROMIUM} is missing (apt-get install chromium), the web page e2e cannot run`);

const describeIf = HAVE_MODELS && HAVE_CHROMIUM ? describe : describe.skip;

describeIf('the try-it page at / (chromium, gateway + workers on Redis)', () => {
  const prefix = `web-e2e-${randomUUID()}`;
  const key = 'web-page-key-for-tests';
  const syncKey = 'web-page-sync-only-key';
  const workers = new InProcessWorkers(REDIS_URL, prefix);
  let gateway: INestApplication;
  let base: string;
  let browser: Browser;
  let page: Page;
  const requested: string[] = [];
  const problems: string[] = [];

  const driver = () => workers.driver();
  const store = () => workers.store();
  const boot = (mod: unknown) => workers.boot(mod);
  const env = { REDIS_URL, MODELS_DIR };

  beforeAll(async () => {
    // The page as `npm run build` ships it (tsc for the browser + the static files), built from this checkout.
    execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: REPO, stdio: 'pipe' });
    await Promise.all([
      boot(
        AsrModule.forRoot({
          config: loadConfig(AsrConfig, { ...env, ASR_MODEL: 'digits-en-ctc' }),
          driver: driver(),
          store: store(),
        }),
      ),
      boot(AedModule.forRoot({ config: loadConfig(AedConfig, env), driver: driver(), store: store() })),
      boot(LidModule.forRoot({ config: loadConfig(LidConfig, env), driver: driver(), store: store() })),
      boot(SerModule.forRoot({ config: loadConfig(SerConfig, env), driver: driver(), store: store() })),
      boot(ItnModule.forRoot({ config: loadConfig(ItnConfig, { REDIS_URL }), driver: driver() })),
    ]);
    const config = loadConfig(GatewayConfig, {
      REDIS_URL,
      LOG_LEVEL: 'error',
      API_KEYS: `web:transcribe+jobs:${hashApiKey(key)},sync:transcribe:${hashApiKey(syncKey)}`,
      SYNC_TIMEOUT_MS: '60000',
      OPTIONAL_TASK_TIMEOUT_MS: '20000',
    });
    gateway = await createGatewayApp({ config, queueDriver: driver(), audioStore: store() });
    await gateway.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(gateway.getHttpServer().address() as AddressInfo).port}/`;

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-audio-capture=${SAMPLE}`,
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1100, height: 900 },
    });
    page = await context.newPage();
    page.on('request', (r) => requested.push(`${r.method()} ${r.url()}`));
    page.on('response', (r) => {
      if (r.status() >= 500) problems.push(`${r.status()} ${r.url()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      // the browser logs every 4xx answer; the API's own 4xx (no key, no jobs scope) are expected here
      const apiRefusal =
        /status of 4\d\d/.test(m.text()) && new URL(m.location().url).pathname.startsWith('/v1/');
      if (m.type() === 'error' && !apiRefusal) problems.push(`console: ${m.text()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await workers.close();
  });

  const resultText = () => page.locator('#full-text').innerText();

  async function transcribeDone(): Promise<void> {
    await page.getByRole('button', { name: 'Transcribe' }).click();
    await page.waitForSelector('#status[data-kind="done"], #status[data-kind="error"]', { timeout: 60_000 });
    expect(await page.locator('#status').getAttribute('data-kind')).toBe('done');
  }

  async function downloaded(format: string): Promise<{ name: string; body: string }> {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: format, exact: true }).click(),
    ]);
    return { name: download.suggestedFilename(), body: readFileSync(await download.path(), 'utf8') };
  }

  it('serves the page and its modules with their content types and a self-only CSP', async () => {
    const res = await page.goto(base);
    expect(res?.status()).toBe(200);
    const headers = res!.headers();
    expect(headers['content-type']).toMatch(/^text\/html/);
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toContain("style-src 'self';");
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(headers['x-content-type-options']).toBe('nosniff');
    for (const [path, type] of [
      ['style.css', /^text\/css/],
      ['apps/gateway/web/src/main.js', /^(text|application)\/javascript/],
      ['libs/contracts/src/transcript/transcript-render.js', /^(text|application)\/javascript/],
    ] as const) {
      const r = await page.request.get(base + path);
      expect(r.status()).toBe(200);
      expect(r.headers()['content-type']).toMatch(type);
    }
    // the API behind the page keeps its auth: no key, no transcript
    expect((await page.request.post(`${base}v1/understand`)).status()).toBe(401);
    expect(await page.locator('h1').innerText()).toBe('earshot');

    // keyboard: the form in reading order (disabled Transcribe and the hidden result are skipped), focus visible
    await page.locator('#api-key').focus();
    const order: string[] = [];
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press('Tab');
      order.push(String(await page.evaluate('document.activeElement.id || document.activeElement.value')));
    }
    expect(order).toEqual(['file', 'record', 'language', 'itn', 'lid', 'ser', 'aed']);
    await page.locator('#file').focus();
    expect(
      await page.evaluate(`getComputedStyle(document.querySelector('label[for=file]')).outlineStyle`),
    ).toBe('solid');
  });

  it('asks for a key: an upload without one shows the 401 from the gateway', async () => {
    await page.locator('#file').setInputFiles(SAMPLE);
    await page.getByRole('button', { name: 'Transcribe' }).click();
    await page.waitForSelector('#status[data-kind="error"]');
    expect(await page.locator('#status').innerText()).toMatch(/^401 UNAUTHORIZED: Missing API key/);
    expect(await page.evaluate('document.activeElement.id')).toBe('api-key');
  });

  it('uploads a shipped sample and shows the rich transcript on a timeline', async () => {
    await page.getByLabel('API key').fill(key);
    await transcribeDone();
    expect(await page.evaluate(`localStorage.getItem('earshot.apiKey')`)).toBe(key);
    // through the jobs API: submitted, then polled until done
    const origin = new URL(base).origin;
    expect(requested).toContain(`POST ${origin}/v1/jobs`);
    expect(requested.some((r) => r.startsWith(`GET ${origin}/v1/jobs/`))).toBe(true);

    expect(await resultText()).toBe('4271');
    const segments = page.locator('#segments .seg');
    expect(await segments.count()).toBeGreaterThan(0);
    expect(await page.locator('#segment-lane .bar').count()).toBe(await segments.count());
    expect(await segments.first().locator('.seg-text').innerText()).toBe('4271');
    // LID and SER answered for the segment: language badge and emotion colour from the workers
    expect(await page.locator('#summary').innerText()).toMatch(/Language\s+English/);
    expect(await segments.first().locator('.badge.lang').innerText()).toBe('EN');
    expect(await segments.first().getAttribute('class')).toMatch(/emo-(neutral|happy|sad|angry)/);
    expect(await page.locator('#legend li').count()).toBeGreaterThan(0);
    expect(await page.locator('#missing').isHidden()).toBe(true);
    expect(await page.locator('#axis .tick').count()).toBeGreaterThan(2);

    // the waveform is the decoded upload, drawn: many non-transparent pixels over most of the width
    // (browser code as a string: the test project is typed for Node, without the DOM)
    const wave = (await page.evaluate(`(() => {
      const c = document.getElementById('wave');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const cols = new Set();
      let inked = 0;
      for (let i = 3; i < d.length; i += 4)
        if (d[i] > 0) {
          inked++;
          cols.add(((i - 3) / 4) % c.width);
        }
      return { inked, cols: cols.size, width: c.width };
    })()`)) as { inked: number; cols: number; width: number };
    expect(wave.width).toBeGreaterThan(500);
    expect(wave.inked).toBeGreaterThan(wave.width * 4);
    expect(wave.cols).toBe(wave.width);
  });

  it('switches between written and spoken text (text / text_spoken of the transcript)', async () => {
    await page.getByRole('button', { name: 'Spoken' }).click();
    expect(await page.getByRole('button', { name: 'Spoken' }).getAttribute('aria-pressed')).toBe('true');
    const json = JSON.parse((await downloaded('JSON')).body) as RichTranscript;
    // the ITN step wrote the digits; the spoken form is what the model said
    expect([json.text, json.text_spoken]).toEqual(['4271', 'four two seven one']);
    expect(await resultText()).toBe(json.text_spoken);
    expect(await page.locator('#segments .seg-text').first().innerText()).toBe(
      json.segments[0].text_spoken.trim(),
    );
    await page.getByRole('button', { name: 'Written' }).click();
    expect(await resultText()).toBe(json.text);
  });

  it('plays a segment from the keyboard (Enter) and moves the playhead', async () => {
    const first = page.locator('#segments .seg').first();
    await first.focus();
    expect(await first.getAttribute('aria-label')).toMatch(
      /^Play 0:00\.\d\d to 0:01\.\d\d: English: \w+: 4271$/,
    );
    await page.keyboard.press('Enter');
    await page.waitForSelector('#segments .seg.playing');
    await page.waitForSelector('#playhead:not([hidden])');
    // the segment is about 1.2 s: playback ends by itself and clears the marks
    await page.waitForSelector('#segments .seg.playing', { state: 'detached', timeout: 5000 });
    expect(await page.locator('#playhead').isHidden()).toBe(true);
  });

  it('downloads JSON, SRT and VTT of what is shown', async () => {
    const json = await downloaded('JSON');
    expect(json.name).toBe('digits-en.json');
    const t = JSON.parse(json.body) as RichTranscript;
    expect(t.text).toBe('4271');
    expect(t.itn).toBe(true);
    expect(Object.keys(t.models).sort()).toEqual(['aed', 'asr', 'lid', 'ser']);

    const srt = await downloaded('SRT');
    expect(srt.name).toBe('digits-en.srt');
    expect(srt.body).toMatch(/^1\n00:00:00,\d{3} --> 00:00:01,\d{3}\n4271\n$/);

    await page.getByRole('button', { name: 'Spoken' }).click();
    const vtt = await downloaded('VTT');
    expect(vtt.name).toBe('digits-en.vtt');
    expect(vtt.body).toMatch(/^WEBVTT\n\n00:00:00\.\d{3} --> 00:00:01\.\d{3}\n(.+)\n$/);
    expect(vtt.body.split('\n')[3]).toBe(t.segments[0].text_spoken.trim());
    await page.getByRole('button', { name: 'Written' }).click();

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'web-page.png'), fullPage: true });
  });

  it('fits a phone screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(200); // resize observer redraws the waveform
    const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.evaluate(`document.getElementById('wave').clientWidth`)).toBeGreaterThan(300);
    await page.screenshot({ path: join(ARTIFACTS, 'web-page-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1100, height: 900 });
  });

  it('records from the microphone (webm through MediaRecorder) and transcribes the take without ITN', async () => {
    // chromium's fake microphone plays the shipped sample in a loop
    await page.getByRole('button', { name: 'Record' }).click();
    await page.waitForSelector('#record[aria-pressed="true"]');
    await page.waitForTimeout(2600);
    await page.locator('#record').click();
    await page.locator('#source-name', { hasText: /^recording\.webm / }).waitFor();
    await page.getByLabel('Written form (ITN)').uncheck();
    await transcribeDone();
    expect(await resultText()).toMatch(/four two seven one/);
  });

  it('a key without the jobs scope transcribes through the sync route instead', async () => {
    const origin = new URL(base).origin;
    expect(requested).not.toContain(`POST ${origin}/v1/understand`);
    await page.getByLabel('API key').fill(syncKey);
    await page.getByLabel('Written form (ITN)').check();
    await transcribeDone();
    expect(await resultText()).toBe('4271');
    const tail = requested.slice(requested.lastIndexOf(`POST ${origin}/v1/jobs`));
    expect(tail).toContain(`POST ${origin}/v1/understand`);
  });

  it('made no request to anything but the gateway, and logged no errors', () => {
    const origin = new URL(base).origin;
    const foreign = requested
      .map((r) => r.split(' ')[1])
      .filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(problems).toEqual([]);
  });
});
