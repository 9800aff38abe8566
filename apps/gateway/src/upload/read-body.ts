import type { Request } from 'express';
import { EarshotError } from '@earshot/contracts';
import { declaredTooLarge, UploadWatch, watchUpload } from './upload-watchdog';

export type ReadBodyOptions = Omit<UploadWatch, 'param'>;

/**
 * Reads a raw request body under the upload watchdog: a declared Content-Length over the cap is refused before a
 * byte is read, a chunked body is cut off the moment it passes the cap, a stalled or dripping one times out.
 * Chunks are kept as a list and joined once, so memory is the body size, never more.
 */
export function readBody(req: Request, opts: ReadBodyOptions): Promise<Buffer> {
  const early = declaredTooLarge(req, opts.maxBytes, 'body');
  if (early) return Promise.reject(early);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err?: Error, body?: Buffer) => {
      if (done) return;
      done = true;
      stopWatch();
      req.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onAborted);
      if (err) {
        // Whatever still arrives is discarded until the error answer closes the connection.
        req.resume();
        reject(err);
      } else resolve(body!);
    };
    const stopWatch = watchUpload(req, { ...opts, param: 'body' }, (e) => finish(e));
    const onData = (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      chunks.push(chunk);
    };
    const onEnd = () => finish(undefined, Buffer.concat(chunks, size));
    const onError = () => finish(new EarshotError('AUDIO_TRUNCATED', 'The upload was interrupted', 'body'));
    const onAborted = () =>
      finish(new EarshotError('AUDIO_TRUNCATED', 'The client closed the connection during the upload', 'body'));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onAborted);
  });
}
