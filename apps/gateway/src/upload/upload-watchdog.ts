import type { Request } from 'express';
import { EarshotError } from '@earshot/contracts';

/** A client that sends nothing for this long is cut off. */
export const DEFAULT_UPLOAD_IDLE_TIMEOUT_MS = 10_000;
/** The whole body must arrive within this (Node's own request timeout is the same 5 min). */
export const DEFAULT_UPLOAD_TIMEOUT_MS = 300_000;
/** After an early answer, how long the rest of the body is read and thrown away before the connection is closed. */
export const LINGER_MS = 2_000;

export interface UploadWatch {
  /** Bytes of body (on the wire, after transfer decoding) beyond this fail with AUDIO_TOO_LARGE. */
  maxBytes: number;
  /** No byte for this long: UPLOAD_TIMEOUT (a stalled client). */
  idleTimeoutMs?: number;
  /** Body not complete after this long: UPLOAD_TIMEOUT (a client dripping bytes just fast enough to stay "active"). */
  totalTimeoutMs?: number;
  /** The request parameter errors name: `file` for multipart, `body` for raw bodies. */
  param?: string;
}

/**
 * Watches a request body as it streams, whoever consumes it (a parser piping it, or our own reader), and calls
 * `onFail` once when it passes the byte cap, stalls, or takes too long; the connection is then closed soon after the
 * answer (see `closeAfterAnswer`). Returns `stop`, to call when the body is complete or the caller has settled.
 */
export function watchUpload(req: Request, opts: UploadWatch, onFail: (err: EarshotError) => void): () => void {
  const idleMs = opts.idleTimeoutMs ?? DEFAULT_UPLOAD_IDLE_TIMEOUT_MS;
  const totalMs = opts.totalTimeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS;
  const param = opts.param ?? 'file';
  let size = 0;
  let stopped = false;
  let idle: NodeJS.Timeout | undefined;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(idle);
    clearTimeout(total);
    req.off('data', onData).off('end', stop);
  };
  const fail = (err: EarshotError) => {
    if (stopped) return;
    stop();
    closeAfterAnswer(req);
    onFail(err);
  };
  const armIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => fail(stalled(idleMs, param)), idleMs);
  };
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > opts.maxBytes) return fail(tooLarge(opts.maxBytes, param));
    armIdle();
  };
  const total = setTimeout(() => fail(tooSlow(totalMs, param)), totalMs);
  armIdle();
  req.on('data', onData).on('end', stop);
  return stop;
}

/** A body declared (Content-Length) over the cap is refused before a byte of it is read. */
export function declaredTooLarge(req: Request, maxBytes: number, param = 'file'): EarshotError | null {
  const declared = Number(req.headers['content-length']);
  if (!Number.isFinite(declared) || declared <= maxBytes) return null;
  closeAfterAnswer(req);
  return tooLarge(maxBytes, param);
}

/**
 * For an answer given before the body is in: what still arrives is read and discarded for at most LINGER_MS after
 * the answer, then the connection is closed. Closing at once would reset a client still sending before it reads the
 * answer; draining to the end would let a huge or dripping body hold the socket for as long as the client likes.
 */
export function closeAfterAnswer(req: Request): void {
  const res = req.res;
  if (!res || req.complete) return;
  req.resume();
  res.once('finish', () => {
    if (req.complete) return;
    const timer = setTimeout(() => {
      if (!req.complete) req.socket.destroy();
    }, LINGER_MS);
    timer.unref();
    req.socket.once('close', () => clearTimeout(timer));
  });
}

export function tooLarge(max: number, param: string): EarshotError {
  return new EarshotError('AUDIO_TOO_LARGE', `The body is larger than the limit of ${max} bytes`, param);
}

function stalled(ms: number, param: string): EarshotError {
  return new EarshotError('UPLOAD_TIMEOUT', `The upload stalled: no data for ${ms} ms`, param);
}

function tooSlow(ms: number, param: string): EarshotError {
  return new EarshotError('UPLOAD_TIMEOUT', `The upload did not complete within ${ms} ms`, param);
}
