import { EarshotError, ErrorCode } from '@earshot/contracts';

/** All audio failures point at the same request parameter. */
export const AUDIO_PARAM = 'file';

export function audioError(code: ErrorCode, message: string, details?: unknown): EarshotError {
  return new EarshotError(code, message, AUDIO_PARAM, details);
}

export function tooLong(durationSec: number, maxSec: number): EarshotError {
  return audioError('AUDIO_TOO_LONG', `Audio is ${durationSec.toFixed(1)} s long; the limit is ${maxSec} s`, {
    durationSec,
    maxSec,
  });
}

export function tooLarge(bytes: number, maxBytes: number): EarshotError {
  return audioError('AUDIO_TOO_LARGE', `Audio is ${bytes} bytes; the limit is ${maxBytes} bytes`, {
    bytes,
    maxBytes,
  });
}

export function aborted(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof EarshotError) return reason;
  return new EarshotError('TIMEOUT', 'Audio decoding was aborted', AUDIO_PARAM, { reason: String(reason) });
}
