/**
 * Every failure the suite can report, with the HTTP status and error-envelope type it maps to.
 * One table, so the gateway, the workers (failed-job reasons) and the CLI speak the same language.
 */
export const ERROR_CODES = {
  // audio input
  AUDIO_EMPTY: { status: 400, type: 'invalid_request_error', retryable: false },
  AUDIO_TRUNCATED: { status: 400, type: 'invalid_request_error', retryable: false },
  AUDIO_NOT_AUDIO: { status: 415, type: 'invalid_request_error', retryable: false },
  AUDIO_UNSUPPORTED_CODEC: { status: 415, type: 'invalid_request_error', retryable: false },
  AUDIO_ZERO_CHANNELS: { status: 400, type: 'invalid_request_error', retryable: false },
  AUDIO_BAD_HEADER: { status: 400, type: 'invalid_request_error', retryable: false },
  AUDIO_TOO_LARGE: { status: 413, type: 'invalid_request_error', retryable: false },
  AUDIO_TOO_LONG: { status: 413, type: 'invalid_request_error', retryable: false },
  AUDIO_BAD_SAMPLES: { status: 400, type: 'invalid_request_error', retryable: false },
  AUDIO_DECODE_FAILED: { status: 422, type: 'invalid_request_error', retryable: false },
  // requests
  INVALID_ARGUMENT: { status: 400, type: 'invalid_request_error', retryable: false },
  NOT_FOUND: { status: 404, type: 'invalid_request_error', retryable: false },
  UNAUTHORIZED: { status: 401, type: 'authentication_error', retryable: false },
  FORBIDDEN: { status: 403, type: 'permission_error', retryable: false },
  RATE_LIMITED: { status: 429, type: 'rate_limit_error', retryable: true },
  OVERLOADED: { status: 429, type: 'rate_limit_error', retryable: true },
  TIMEOUT: { status: 504, type: 'server_error', retryable: true },
  UPLOAD_TIMEOUT: { status: 408, type: 'invalid_request_error', retryable: false },
  CANCELLED: { status: 409, type: 'invalid_request_error', retryable: false },
  // infrastructure and models
  CONFIG_INVALID: { status: 500, type: 'server_error', retryable: false },
  MODEL_INVALID: { status: 500, type: 'server_error', retryable: false },
  MODEL_NOT_FOUND: { status: 404, type: 'invalid_request_error', retryable: false },
  MODEL_FETCH_FAILED: { status: 502, type: 'server_error', retryable: true },
  INFERENCE_FAILED: { status: 500, type: 'server_error', retryable: true },
  DEPENDENCY_UNAVAILABLE: { status: 503, type: 'server_error', retryable: true },
  /** Redis (queues and the audio store) is unreachable: nothing was accepted, retry after Retry-After. */
  QUEUE_UNAVAILABLE: { status: 503, type: 'server_error', retryable: true },
  INTERNAL: { status: 500, type: 'server_error', retryable: true },
} as const satisfies Record<string, { status: number; type: ErrorType; retryable: boolean }>;

export type ErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'rate_limit_error'
  | 'server_error';

export type ErrorCode = keyof typeof ERROR_CODES;

/** The one error envelope every HTTP endpoint answers with (OpenAI-compatible). */
export interface ErrorEnvelope {
  error: { message: string; type: ErrorType; param: string | null; code: ErrorCode | string | null };
}
