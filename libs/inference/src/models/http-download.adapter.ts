import { createWriteStream, statSync, truncateSync } from 'node:fs';
import { get as httpGet, IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { EarshotError } from '@earshot/contracts';

export interface DownloadProgress {
  /** Bytes on disk so far (resumed bytes included). */
  received: number;
  /** Total size when the server says it, else undefined. */
  total?: number;
  /** Bytes that were already there when this attempt started. */
  resumedFrom: number;
}

export interface DownloadOptions {
  onProgress?: (p: DownloadProgress) => void;
  /** Give up when connecting or when no byte arrives for this long. */
  idleTimeoutMs?: number;
  maxRedirects?: number;
}

/**
 * The one place that talks HTTP(S) for model files: GET into `<dest>` (a `.part` file), resuming with a Range
 * request when `<dest>` already holds bytes. A server that ignores Range (200) restarts the file; 416 means the
 * part is already complete. Network failures become MODEL_FETCH_FAILED with the host named, fast.
 */
export class HttpDownloader {
  async download(url: string, dest: string, opts: DownloadOptions = {}): Promise<void> {
    const have = sizeOf(dest);
    const res = await this.request(url, have, opts, opts.maxRedirects ?? 5);
    const status = res.statusCode ?? 0;
    if (status === 416 && have > 0) {
      res.resume();
      return;
    }
    if (status !== 200 && status !== 206) {
      res.resume();
      throw new EarshotError('MODEL_FETCH_FAILED', `GET ${url} answered HTTP ${status}`);
    }
    const resumedFrom = status === 206 ? have : 0;
    if (status === 200 && have > 0) truncateSync(dest, 0);
    const length = Number(res.headers['content-length']);
    const total = Number.isFinite(length) ? resumedFrom + length : undefined;
    let received = resumedFrom;
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(dest, { flags: status === 206 ? 'a' : 'w' });
      let failure: Error | undefined;
      // On a broken transfer, flush what arrived (it is a valid prefix to resume from) and settle once the file
      // is closed, so the caller sees its final size.
      const fail = (err: Error): void => {
        if (failure) return;
        failure =
          err instanceof EarshotError
            ? err
            : new EarshotError('MODEL_FETCH_FAILED', `Download of ${url} broke off after ${received} bytes: ${err.message}`);
        res.unpipe(out);
        out.end();
      };
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        opts.onProgress?.({ received, total, resumedFrom });
      });
      res.on('error', fail);
      res.on('aborted', () => fail(new Error('connection closed')));
      res.on('close', () => {
        if (!res.complete) fail(new Error('connection closed'));
      });
      res.pipe(out);
      out.on('error', (err) => {
        failure ??= new EarshotError('MODEL_FETCH_FAILED', `Cannot write ${dest}: ${err.message}`);
        reject(failure);
      });
      out.on('close', () => {
        if (!failure && total !== undefined && received < total)
          failure = new EarshotError(
            'MODEL_FETCH_FAILED',
            `Download of ${url} broke off (${received} of ${total} bytes); run the command again to resume`,
          );
        if (failure) reject(failure);
        else resolve();
      });
    });
  }

  private request(url: string, from: number, opts: DownloadOptions, redirects: number): Promise<IncomingMessage> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return Promise.reject(new EarshotError('INVALID_ARGUMENT', `Not a URL: ${url}`, 'base-url'));
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      return Promise.reject(new EarshotError('INVALID_ARGUMENT', `Only http and https URLs are supported: ${url}`, 'base-url'));
    const get = parsed.protocol === 'https:' ? httpsGet : httpGet;
    const timeout = opts.idleTimeoutMs ?? 15_000;
    return new Promise((resolve, reject) => {
      const req = get(parsed, { headers: from > 0 ? { Range: `bytes=${from}-` } : {}, timeout }, (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          if (redirects <= 0) return reject(new EarshotError('MODEL_FETCH_FAILED', `Too many redirects from ${url}`));
          const next = new URL(res.headers.location, parsed).toString();
          return this.request(next, from, opts, redirects - 1).then(resolve, reject);
        }
        res.setTimeout(timeout, () => res.destroy(new Error(`no data for ${timeout} ms`)));
        resolve(res);
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeout} ms`)));
      req.on('error', (err: NodeJS.ErrnoException) =>
        reject(
          new EarshotError(
            'MODEL_FETCH_FAILED',
            `Cannot reach ${parsed.host} (${err.code ?? err.message}); check the network or use --base-url with a mirror`,
          ),
        ),
      );
    });
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
