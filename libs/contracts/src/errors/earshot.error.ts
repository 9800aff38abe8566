import { ERROR_CODES, ErrorCode, ErrorEnvelope } from './error-codes';

/**
 * The typed error of the suite. `message` is safe to show to a caller (it never carries stack traces,
 * paths or internals); `details` is for logs only.
 */
export class EarshotError extends Error {
  override readonly name = 'EarshotError';
  /** Seconds a caller should wait before retrying (sent as the Retry-After header); unset when it does not apply. */
  retryAfterSec?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly param: string | null = null,
    readonly details?: unknown,
  ) {
    super(message);
    Object.setPrototypeOf(this, new.target.prototype);
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  /** Retrying cannot help bad input; it can help a busy or briefly unavailable dependency. */
  get retryable(): boolean {
    return ERROR_CODES[this.code].retryable;
  }

  toEnvelope(): ErrorEnvelope {
    return { error: { message: this.message, type: ERROR_CODES[this.code].type, param: this.param, code: this.code } };
  }

  /** Sets the Retry-After hint (whole seconds, at least 1) and returns the error, for `throw err.retryAfter(n)`. */
  retryAfter(seconds: number): this {
    this.retryAfterSec = Math.max(1, Math.ceil(seconds));
    return this;
  }

  static is(value: unknown): value is EarshotError {
    return value instanceof EarshotError;
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}
