import { request as httpRequest, IncomingHttpHeaders } from 'node:http';

/** A body part written after a pause: drip-feeding and stalling clients. */
export interface TimedChunk {
  delayMs: number;
  data: Buffer;
}

export interface RawRequest {
  port: number;
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  /** Sent at once (Content-Length set unless a header says otherwise). */
  body?: Buffer;
  /** Sent piece by piece (chunked unless a Content-Length header is given); stops once the answer arrives. */
  chunks?: TimedChunk[];
  /** Give up after this long (the test fails with a clear message instead of hanging). */
  timeoutMs?: number;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The parsed body when it is JSON. */
  json: unknown;
  /** From the first byte sent to the end of the answer. */
  ms: number;
  /** How much of the body had been handed to the socket when the answer arrived. */
  bytesSent: number;
}

/**
 * One HTTP request with full control of the bytes (hand-made multipart, lying headers, slow or oversized bodies),
 * on a fresh connection. A server that answers early and closes (413, 408) is a normal outcome, not an error.
 */
export function rawRequest(r: RawRequest): Promise<RawResponse> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let bytesSent = 0;
    let answered = false;
    // keep-alive as curl and browsers send it: with "close" Node ends the connection right after an early answer.
    const headers: Record<string, string | number> = { Connection: 'keep-alive', ...(r.headers ?? {}) };
    if (r.body && !hasHeader(headers, 'content-length') && !hasHeader(headers, 'transfer-encoding'))
      headers['Content-Length'] = r.body.length;
    const req = httpRequest(
      { host: '127.0.0.1', port: r.port, method: r.method ?? 'POST', path: r.path, headers, agent: false },
      (res) => {
        answered = true;
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('error', reject);
        res.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(parts).toString('utf8');
          let json: unknown = undefined;
          try {
            json = JSON.parse(text);
          } catch {
            // not JSON: text answers (srt, plain) or a server that is not ours
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, ms: Date.now() - started, bytesSent });
          req.destroy();
        });
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer to ${r.method ?? 'POST'} ${r.path} within ${r.timeoutMs ?? 30000} ms`));
    }, r.timeoutMs ?? 30000);
    req.on('error', (err) => {
      // EPIPE / ECONNRESET while still writing after the server answered and closed: the answer wins.
      if (!answered) {
        clearTimeout(timer);
        reject(err);
      }
    });
    const write = (data: Buffer) => {
      if (answered || req.destroyed) return;
      req.write(data);
      bytesSent += data.length;
    };
    if (r.chunks) {
      void (async () => {
        for (const c of r.chunks!) {
          // unref: a stalled client's long pause must not keep the test process alive after the answer
          if (c.delayMs) await new Promise((ok) => setTimeout(ok, c.delayMs).unref());
          if (answered || req.destroyed) return;
          write(c.data);
        }
        if (!answered && !req.destroyed) req.end();
      })();
    } else {
      if (r.body) write(r.body);
      req.end();
    }
  });
}

function hasHeader(h: Record<string, unknown>, name: string): boolean {
  return Object.keys(h).some((k) => k.toLowerCase() === name);
}

export interface FormPart {
  name: string | Buffer;
  /** Raw bytes allowed: NUL, invalid UTF-8, RTL overrides, 10 kB names. */
  filename?: string | Buffer;
  contentType?: string;
  data: Buffer | string;
}

/** A multipart/form-data body built byte by byte, so tests can send what no well-behaved client would. */
export function multipartBody(parts: FormPart[], boundary = 'earshot-hostile-boundary'): Buffer {
  const out: Buffer[] = [];
  for (const p of parts) {
    const disp: Buffer[] = [Buffer.from('Content-Disposition: form-data; name="'), asBuf(p.name), Buffer.from('"')];
    if (p.filename !== undefined) disp.push(Buffer.from('; filename="'), asBuf(p.filename), Buffer.from('"'));
    out.push(Buffer.from(`--${boundary}\r\n`), ...disp, Buffer.from('\r\n'));
    if (p.contentType) out.push(Buffer.from(`Content-Type: ${p.contentType}\r\n`));
    out.push(Buffer.from('\r\n'), asBuf(p.data), Buffer.from('\r\n'));
  }
  out.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(out);
}

export function multipartType(boundary = 'earshot-hostile-boundary'): string {
  return `multipart/form-data; boundary=${boundary}`;
}

function asBuf(v: string | Buffer): Buffer {
  return typeof v === 'string' ? Buffer.from(v, 'utf8') : v;
}
