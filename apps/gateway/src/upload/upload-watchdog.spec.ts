import { createServer, request, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { Request, Response } from 'express';
import { EarshotError } from '@earshot/contracts';
import { readMultipart } from '../transcription/multipart-upload';
import { readBody } from './read-body';

// The upload limits on a real loopback socket: what a client sends, how slowly, and what the reader makes of it.
type Reader = (req: Request, res: Response) => Promise<unknown>;

function serve(read: Reader): Promise<Server> {
  const server = createServer((req, res) => {
    read(req as Request, res as unknown as Response).then(
      (v) => res.end(JSON.stringify({ ok: v instanceof Buffer ? v.length : v })),
      (e: EarshotError) => {
        res.statusCode = e.status;
        res.end(JSON.stringify({ code: e.code, param: e.param }));
      },
    );
  });
  // Express puts the response on the request; the watchdog reads it from there.
  server.prependListener('request', (req, res) => Object.assign(req, { res }));
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

interface Answer {
  status: number;
  body: { code?: string; param?: string; ok?: unknown };
  ms: number;
}

function send(server: Server, headers: Record<string, string>, pieces: { delayMs: number; data: Buffer }[]): Promise<Answer> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      { host: '127.0.0.1', port: (server.address() as AddressInfo).port, method: 'POST', headers: { Connection: 'keep-alive', ...headers } },
      (res) => {
        answered = true;
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), ms: Date.now() - started });
          req.destroy();
        });
      },
    );
    req.on('error', (e) => !answered && reject(e));
    void (async () => {
      for (const p of pieces) {
        if (p.delayMs) await new Promise((ok) => setTimeout(ok, p.delayMs).unref());
        if (answered) return;
        req.write(p.data);
      }
      if (!answered) req.end();
    })();
  });
}

const piece = (n: number, delayMs = 0) => ({ delayMs, data: Buffer.alloc(n, 7) });
const form = (file: Buffer, type = 'multipart/form-data; boundary=b') => ({
  headers: { 'Content-Type': type },
  body: Buffer.concat([
    Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\n\r\n'),
    file,
    Buffer.from('\r\n--b--\r\n'),
  ]),
});

describe('readBody under the upload watchdog', () => {
  let server: Server;
  afterEach(() => new Promise((ok) => server.close(ok)));

  it('reads a body within the limits', async () => {
    server = await serve((req) => readBody(req, { maxBytes: 1000, idleTimeoutMs: 500, totalTimeoutMs: 2000 }));
    const r = await send(server, {}, [piece(400), piece(400, 20)]);
    expect(r).toMatchObject({ status: 200, body: { ok: 800 } });
  });

  it('refuses a declared length over the cap at once, and a chunked body the moment it passes it', async () => {
    server = await serve((req) => readBody(req, { maxBytes: 1000 }));
    const declared = await send(server, { 'Content-Length': '5000' }, [piece(100), piece(100, 1000)]);
    expect(declared).toMatchObject({ status: 413, body: { code: 'AUDIO_TOO_LARGE', param: 'body' } });
    expect(declared.ms).toBeLessThan(900);
    const chunked = await send(server, {}, [piece(600), piece(600, 10), piece(600, 2000)]);
    expect(chunked).toMatchObject({ status: 413, body: { code: 'AUDIO_TOO_LARGE' } });
    expect(chunked.ms).toBeLessThan(1500);
  });

  it('cuts off a stalled body after the idle timeout and a dripping one at the total timeout', async () => {
    server = await serve((req) => readBody(req, { maxBytes: 1e6, idleTimeoutMs: 300, totalTimeoutMs: 800 }));
    const stalled = await send(server, {}, [piece(100), piece(100, 5000)]);
    expect(stalled).toMatchObject({ status: 408, body: { code: 'UPLOAD_TIMEOUT', param: 'body' } });
    expect(stalled.ms).toBeLessThan(700);
    const dripping = await send(server, {}, Array.from({ length: 40 }, () => piece(10, 100)));
    expect(dripping).toMatchObject({ status: 408, body: { code: 'UPLOAD_TIMEOUT' } });
    expect(dripping.ms).toBeGreaterThanOrEqual(750);
    expect(dripping.ms).toBeLessThan(1500);
  });
});

describe('readMultipart under the upload watchdog', () => {
  let server: Server;
  afterEach(() => new Promise((ok) => server.close(ok)));
  const limits = { maxFileBytes: 1000, idleTimeoutMs: 300, totalTimeoutMs: 800 };
  const fileSize = (req: Request, res: Response) => readMultipart(req, res, limits).then((u) => u.file?.size);

  it('takes the multipart type in any case', async () => {
    server = await serve(fileSize);
    const f = form(Buffer.alloc(500), 'Multipart/Form-Data; boundary=b');
    expect(await send(server, f.headers, [{ delayMs: 0, data: f.body }])).toMatchObject({ status: 200, body: { ok: 500 } });
  });

  it('caps the whole form, not only the file: endless preamble is cut off', async () => {
    server = await serve((req, res) => readMultipart(req, res, { ...limits, idleTimeoutMs: 5000, totalTimeoutMs: 5000 }));
    const r = await send(server, { 'Content-Type': 'multipart/form-data; boundary=b' }, Array.from({ length: 400 }, () => piece(64 * 1024, 1)));
    expect(r).toMatchObject({ status: 413, body: { code: 'AUDIO_TOO_LARGE', param: 'file' } });
  });

  it('answers a stalled or dripping form with 408', async () => {
    server = await serve(fileSize);
    const f = form(Buffer.alloc(900));
    const stalled = await send(server, f.headers, [{ delayMs: 0, data: f.body.subarray(0, 200) }, { delayMs: 5000, data: f.body.subarray(200) }]);
    expect(stalled).toMatchObject({ status: 408, body: { code: 'UPLOAD_TIMEOUT', param: 'file' } });
    const drip = Array.from({ length: Math.ceil(f.body.length / 10) }, (_, i) => ({ delayMs: 50, data: f.body.subarray(i * 10, i * 10 + 10) }));
    const dripping = await send(server, f.headers, drip);
    expect(dripping).toMatchObject({ status: 408, body: { code: 'UPLOAD_TIMEOUT' } });
    expect(dripping.ms).toBeLessThan(1500);
  });
});
