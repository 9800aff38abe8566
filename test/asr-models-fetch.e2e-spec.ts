import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogModel, catalogModel, fetchModel, loadModelPackage } from '@earshot/inference';
import { main } from '../apps/cli/src/main';

jest.setTimeout(60_000);

/** A local file server with Range support and switches to cut a transfer or corrupt a file. No internet involved. */
class FileServer {
  readonly files = new Map<string, Buffer>();
  readonly requests: Array<{ path: string; range?: string }> = [];
  cutAfter: number | undefined;
  corrupt = new Set<string>();
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/models`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const name = decodeURIComponent((req.url ?? '').replace(/^\/models\//, ''));
    this.requests.push({ path: name, range: req.headers.range });
    if (req.url === '/models/redirected/tokens.txt') {
      res.writeHead(302, { location: '/models/tokens.txt' }).end();
      return;
    }
    let body = this.files.get(name);
    if (!body) {
      res.writeHead(404).end('not found');
      return;
    }
    if (this.corrupt.has(name)) body = Buffer.concat([body.subarray(0, body.length - 1), Buffer.from([body[body.length - 1] ^ 1])]);
    let start = 0;
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (m) {
      start = Number(m[1]);
      if (start >= body.length) {
        res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
        return;
      }
      res.writeHead(206, { 'content-length': body.length - start, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` });
    } else res.writeHead(200, { 'content-length': body.length });
    const chunk = body.subarray(start);
    if (this.cutAfter !== undefined) {
      const cut = this.cutAfter;
      this.cutAfter = undefined;
      res.write(chunk.subarray(0, cut), () => res.destroy());
      return;
    }
    res.end(chunk);
  }
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('model fetching (local HTTP server)', () => {
  const server = new FileServer();
  let base: string;
  const model = randomBytes(3 * 1024 * 1024 + 123);
  const tokens = Buffer.from('<blank> 0\n<s> 1\n</s> 2\n');
  const entry = (pinned: boolean): CatalogModel => ({
    ...catalogModel('sensevoice-small'),
    files: [
      { role: 'model', name: 'model.int8.onnx', sha256: pinned ? sha(model) : null },
      { role: 'tokens', name: 'tokens.txt', sha256: pinned ? sha(tokens) : null },
    ],
  });

  beforeAll(async () => {
    server.files.set('model.int8.onnx', model);
    server.files.set('tokens.txt', tokens);
    base = await server.start();
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.requests.length = 0;
    server.cutAfter = undefined;
    server.corrupt.clear();
  });

  it('downloads, verifies and installs atomically with a manifest that loads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fetch-'));
    const progress: number[] = [];
    const r = await fetchModel(entry(true), { modelsDir: dir, baseUrl: base, onProgress: (_f, p) => progress.push(p.received) });
    expect(r.dir).toBe(join(dir, 'sensevoice-small'));
    expect(readFileSync(join(r.dir, 'model.int8.onnx')).equals(model)).toBe(true);
    expect(readdirSync(dir)).toEqual(['sensevoice-small']);
    expect(progress[progress.length - 1]).toBe(tokens.length);
    const pkg = await loadModelPackage(r.dir);
    expect(pkg.manifest.files.map((f) => f.sha256)).toEqual([sha(model), sha(tokens)]);
    expect(pkg.manifest.licence).toMatch(/FunASR Model/);
    const again = await fetchModel(entry(true), { modelsDir: dir, baseUrl: base });
    expect(again.alreadyInstalled).toBe(true);
  });

  it('resumes a cut transfer with an HTTP Range request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fetch-'));
    server.cutAfter = 1024 * 1024;
    await expect(fetchModel(entry(true), { modelsDir: dir, baseUrl: base })).rejects.toMatchObject({ code: 'MODEL_FETCH_FAILED' });
    const part = join(dir, '.sensevoice-small.partial', 'model.int8.onnx.part');
    const kept = statSync(part).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(model.length);
    expect(existsSync(join(dir, 'sensevoice-small'))).toBe(false);
    const r = await fetchModel(entry(true), { modelsDir: dir, baseUrl: base });
    expect(server.requests.find((q) => q.path === 'model.int8.onnx' && q.range)?.range).toBe(`bytes=${kept}-`);
    expect(readFileSync(join(r.dir, 'model.int8.onnx')).equals(model)).toBe(true);
  });

  it('refuses a file that fails its pinned checksum and installs nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fetch-'));
    server.corrupt.add('tokens.txt');
    await expect(fetchModel(entry(true), { modelsDir: dir, baseUrl: base })).rejects.toMatchObject({
      code: 'MODEL_FETCH_FAILED',
      message: expect.stringContaining('checksum'),
    });
    expect(existsSync(join(dir, 'sensevoice-small'))).toBe(false);
    expect(existsSync(join(dir, '.sensevoice-small.partial', 'tokens.txt.part'))).toBe(false);
  });

  it('needs --accept-hash for unpinned files, then installs without downloading again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fetch-'));
    const err = await fetchModel(entry(false), { modelsDir: dir, baseUrl: base }).catch((e) => e);
    expect(err.code).toBe('MODEL_FETCH_FAILED');
    expect(err.message).toContain(sha(model));
    server.requests.length = 0;
    const r = await fetchModel(entry(false), { modelsDir: dir, baseUrl: base, acceptHash: true });
    expect(r.files.map((f) => f.pinned)).toEqual([false, false]);
    expect(server.requests.filter((q) => q.path === 'model.int8.onnx').every((q) => q.range === `bytes=${model.length}-`)).toBe(true);
    expect((await loadModelPackage(r.dir)).manifest.files[0].sha256).toBe(sha(model));
  });

  it('follows redirects and reports HTTP errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fetch-'));
    const m = { ...entry(true), files: [entry(true).files[1]] };
    await expect(fetchModel(m, { modelsDir: dir, baseUrl: `${base}/redirected` })).resolves.toMatchObject({ alreadyInstalled: false });
    const missing = { ...m, name: 'other', files: [{ role: 'model', name: 'absent.onnx', sha256: null }] };
    await expect(fetchModel(missing, { modelsDir: dir, baseUrl: base })).rejects.toMatchObject({ message: expect.stringContaining('HTTP 404') });
  });

  it('fails fast with one clear line when the host is unreachable (CLI)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fetch-'));
    let err = '';
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(((s: string) => {
      err += s;
      return true;
    }) as never);
    const prev = process.env.MODELS_DIR;
    process.env.MODELS_DIR = dir;
    const started = Date.now();
    try {
      // port 9 on loopback: nothing listens, the connection is refused at once
      const code = await main(['node', 'earshot', 'models', 'fetch', 'sensevoice-small', '--base-url', 'http://127.0.0.1:9/x']);
      expect(code).toBe(1);
    } finally {
      spy.mockRestore();
      if (prev === undefined) delete process.env.MODELS_DIR;
      else process.env.MODELS_DIR = prev;
    }
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(err).toMatch(/earshot: MODEL_FETCH_FAILED: Cannot reach 127\.0\.0\.1:9 \(ECONNREFUSED\)/);
  });
});
