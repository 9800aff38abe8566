import type { Request } from 'express';
import { EarshotError } from '@earshot/contracts';

export interface ReadBodyOptions {
  maxBytes: number;
  /** A client that sends nothing for this long is cut off (slow-upload protection). */
  idleTimeoutMs: number;
}

/**
 * Reads a raw request body with a hard size cap: a declared Content-Length over the cap is refused before a
 * byte is read, and a chunked body is cut off the moment it passes the cap. Chunks are kept as a list and
 * joined once, so memory is the body size, never more.
 */
export function readBody(req: Request, opts: ReadBodyOptions): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > opts.maxBytes) {
    req.resume();
    return Promise.reject(tooLarge(opts.maxBytes));
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err?: Error, body?: Buffer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onAborted);
      if (err) {
        req.resume();
        reject(err);
      } else resolve(body!);
    };
    let timer = setTimeout(() => finish(idle()), opts.idleTimeoutMs);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > opts.maxBytes) return finish(tooLarge(opts.maxBytes));
      chunks.push(chunk);
      clearTimeout(timer);
      timer = setTimeout(() => finish(idle()), opts.idleTimeoutMs);
    };
    const onEnd = () => finish(undefined, Buffer.concat(chunks, size));
    const onError = () => finish(new EarshotError('AUDIO_TRUNCATED', 'The upload was interrupted'));
    const onAborted = () => finish(new EarshotError('AUDIO_TRUNCATED', 'The client closed the connection during the upload'));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onAborted);
  });
}

function tooLarge(max: number): EarshotError {
  return new EarshotError('AUDIO_TOO_LARGE', `The body is larger than the limit of ${max} bytes`, 'body');
}

function idle(): EarshotError {
  return new EarshotError('UPLOAD_TIMEOUT', 'The upload stalled: no data received for too long', 'body');
}
