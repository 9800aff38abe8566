import { EarshotError, isErrorCode } from '@earshot/contracts';

/** A failed job's reason travels as "CODE: message" so any consumer can rebuild the typed error. */
export function encodeFailure(err: unknown): { reason: string; retryable: boolean } {
  if (err instanceof EarshotError) return { reason: `${err.code}: ${err.message}`, retryable: err.retryable };
  const message = err instanceof Error ? err.message : String(err);
  return { reason: `INTERNAL: ${message.split('\n')[0]}`, retryable: true };
}

export function decodeFailure(reason: string | undefined): EarshotError {
  const text = reason ?? 'job failed';
  const m = /^([A-Z_]+): ([\s\S]*)$/.exec(text);
  if (m && isErrorCode(m[1])) return new EarshotError(m[1], m[2]);
  return new EarshotError('INTERNAL', 'The job failed', null, text);
}

/** Why an aborted wait ends: the signal's reason when typed (a cancel, a client gone), else CANCELLED. */
export function abortedWait(signal: AbortSignal): EarshotError {
  return signal.reason instanceof EarshotError ? signal.reason : new EarshotError('CANCELLED', 'The wait was cancelled');
}
