import { Expose, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  ValidationArguments,
} from 'class-validator';
import { QUEUE_NAMES } from '@earshot/contracts';
import { CommonConfig } from '@earshot/platform';
import { ApiKeyEntry, parseApiKeys } from './auth/api-keys';
import { DEFAULT_UPLOAD_IDLE_TIMEOUT_MS, DEFAULT_UPLOAD_TIMEOUT_MS } from './upload/upload-watchdog';

@ValidatorConstraint({ name: 'apiKeys' })
class ApiKeysSpec implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && parseApiKeys(value).problems.length === 0;
  }

  defaultMessage(args: ValidationArguments): string {
    return parseApiKeys(String(args.value)).problems.join('; ');
  }
}

const MiB = 1024 * 1024;

/** Configuration of the gateway (HTTP API, auth, limits, orchestration). */
export class GatewayConfig extends CommonConfig {
  @Expose({ name: 'GATEWAY_PORT' })
  @IsInt({ message: 'GATEWAY_PORT must be a whole number' })
  @Min(1)
  @Max(65535)
  port: number = 8080;

  /** `keys`: every route but /health needs an API key. `open`: no keys (local use only). */
  @Expose({ name: 'AUTH_MODE' })
  @IsIn(['keys', 'open'], { message: 'AUTH_MODE must be keys or open' })
  authMode: 'keys' | 'open' = 'keys';

  /** `name:scope+scope:sha256hex[:ratePerMinute]`, comma or newline separated; see `earshot keys create`. */
  @Expose({ name: 'API_KEYS' })
  @IsOptional()
  @IsString()
  @Validate(ApiKeysSpec)
  apiKeys: string = '';

  @Expose({ name: 'RATE_LIMIT_PER_MINUTE' })
  @IsInt({ message: 'RATE_LIMIT_PER_MINUTE must be a whole number' })
  @Min(1)
  rateLimitPerMinute: number = 600;

  @Expose({ name: 'MAX_UPLOAD_BYTES' })
  @IsInt({ message: 'MAX_UPLOAD_BYTES must be a whole number' })
  @Min(1024)
  maxUploadBytes: number = 25 * MiB;

  @Expose({ name: 'MAX_AUDIO_SECONDS' })
  @IsInt({ message: 'MAX_AUDIO_SECONDS must be a whole number' })
  @Min(1)
  maxAudioSeconds: number = 4 * 60 * 60;

  /** An upload that sends nothing for this long is answered 408 UPLOAD_TIMEOUT and its connection closed. */
  @Expose({ name: 'UPLOAD_IDLE_TIMEOUT_MS' })
  @IsInt({ message: 'UPLOAD_IDLE_TIMEOUT_MS must be a whole number' })
  @Min(100)
  uploadIdleTimeoutMs: number = DEFAULT_UPLOAD_IDLE_TIMEOUT_MS;

  /**
   * The whole body must arrive within this (a client dripping bytes is cut off): 408 UPLOAD_TIMEOUT after. At most
   * Node's own request timeout (5 min), which would otherwise answer first, outside the error envelope.
   */
  @Expose({ name: 'UPLOAD_TIMEOUT_MS' })
  @IsInt({ message: 'UPLOAD_TIMEOUT_MS must be a whole number' })
  @Min(100)
  @Max(DEFAULT_UPLOAD_TIMEOUT_MS)
  uploadTimeoutMs: number = DEFAULT_UPLOAD_TIMEOUT_MS;

  @Expose({ name: 'CRY_MAX_SECONDS' })
  @IsInt({ message: 'CRY_MAX_SECONDS must be a whole number' })
  @Min(1)
  @Max(300)
  cryMaxSeconds: number = 30;

  @Expose({ name: 'SYNC_TIMEOUT_MS' })
  @IsInt({ message: 'SYNC_TIMEOUT_MS must be a whole number' })
  @Min(100)
  syncTimeoutMs: number = 120_000;

  @Expose({ name: 'CRY_TIMEOUT_MS' })
  @IsInt({ message: 'CRY_TIMEOUT_MS must be a whole number' })
  @Min(50)
  cryTimeoutMs: number = 5_000;

  /** Comma-separated origins allowed by CORS; empty disables CORS. */
  @Expose({ name: 'CORS_ORIGINS' })
  @IsOptional()
  @IsString()
  corsOrigins: string = '';

  /** The cry queue; production keeps the contract's name, tests use a unique one. */
  @Expose({ name: 'CRY_QUEUE' })
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'CRY_QUEUE must be a queue name (letters, digits, . _ -)' })
  cryQueue: string = QUEUE_NAMES.cry;

  /** Queues of one transcription flow; production keeps the contract's names, tests use unique ones. */
  @Expose({ name: 'ASR_QUEUE' })
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'ASR_QUEUE must be a queue name (letters, digits, . _ -)' })
  asrQueue: string = QUEUE_NAMES.asr;

  @Expose({ name: 'AED_QUEUE' })
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'AED_QUEUE must be a queue name (letters, digits, . _ -)' })
  aedQueue: string = QUEUE_NAMES.aed;

  @Expose({ name: 'LID_QUEUE' })
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'LID_QUEUE must be a queue name (letters, digits, . _ -)' })
  lidQueue: string = QUEUE_NAMES.lid;

  @Expose({ name: 'SER_QUEUE' })
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'SER_QUEUE must be a queue name (letters, digits, . _ -)' })
  serQueue: string = QUEUE_NAMES.ser;

  @Expose({ name: 'ITN_QUEUE' })
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'ITN_QUEUE must be a queue name (letters, digits, . _ -)' })
  itnQueue: string = QUEUE_NAMES.itn;

  @Expose({ name: 'MERGE_QUEUE' })
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'MERGE_QUEUE must be a queue name (letters, digits, . _ -)' })
  mergeQueue: string = QUEUE_NAMES.merge;

  /**
   * How long a sync request waits for the optional analyses (lid, ser, aed) once the transcript itself is done.
   * Past it the answer goes out without them and `missing` says they timed out (e.g. no worker on their queue).
   */
  @Expose({ name: 'OPTIONAL_TASK_TIMEOUT_MS' })
  @IsInt({ message: 'OPTIONAL_TASK_TIMEOUT_MS must be a whole number' })
  @Min(50)
  optionalTaskTimeoutMs: number = 10_000;

  /** Transcription work waiting on the ASR queue beyond which new transcription requests get 429 OVERLOADED. */
  @Expose({ name: 'MAX_QUEUE_DEPTH' })
  @IsInt({ message: 'MAX_QUEUE_DEPTH must be a whole number' })
  @Min(1)
  maxQueueDepth: number = 200;

  /** Transcription requests (sync routes, and batch uploads counted apart) one gateway holds open at once. */
  @Expose({ name: 'MAX_INFLIGHT_REQUESTS' })
  @IsInt({ message: 'MAX_INFLIGHT_REQUESTS must be a whole number' })
  @Min(1)
  maxInflightRequests: number = 32;

  /** The firmware lane has its own limits: batch traffic never fills them. */
  @Expose({ name: 'CRY_MAX_QUEUE_DEPTH' })
  @IsInt({ message: 'CRY_MAX_QUEUE_DEPTH must be a whole number' })
  @Min(1)
  cryMaxQueueDepth: number = 200;

  @Expose({ name: 'CRY_MAX_INFLIGHT' })
  @IsInt({ message: 'CRY_MAX_INFLIGHT must be a whole number' })
  @Min(1)
  cryMaxInflight: number = 128;

  /** How old a queue depth may be when admitting a request (one Redis count per queue per this many ms). */
  @Expose({ name: 'QUEUE_DEPTH_CACHE_MS' })
  @IsInt({ message: 'QUEUE_DEPTH_CACHE_MS must be a whole number' })
  @Min(0)
  @Max(10_000)
  queueDepthCacheMs: number = 250;

  /** Retry-After (seconds) on a 429 OVERLOADED answer. */
  @Expose({ name: 'OVERLOAD_RETRY_AFTER_SECONDS' })
  @IsInt({ message: 'OVERLOAD_RETRY_AFTER_SECONDS must be a whole number' })
  @Min(1)
  @Max(3600)
  overloadRetryAfterSeconds: number = 2;

  /**
   * `true` opens GET /metrics to anyone (a scraper on a private network); otherwise it needs the `admin` scope.
   * Parsed by hand: implicit conversion would read the string "false" as true.
   */
  @Expose({ name: 'METRICS_PUBLIC' })
  @Transform(({ obj }) => parseFlag((obj as Record<string, unknown>).METRICS_PUBLIC))
  @IsBoolean({ message: 'METRICS_PUBLIC must be true or false' })
  metricsPublic: boolean = false;

  /** The upload limits every body-reading route applies. */
  uploadLimits(): { maxFileBytes: number; idleTimeoutMs: number; totalTimeoutMs: number } {
    return {
      maxFileBytes: this.maxUploadBytes,
      idleTimeoutMs: this.uploadIdleTimeoutMs,
      totalTimeoutMs: this.uploadTimeoutMs,
    };
  }

  /** The public batch queue (earshot.transcribe.v1) the gateway consumes; tests use a unique name. */
  @Expose({ name: 'TRANSCRIBE_QUEUE' })
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'TRANSCRIBE_QUEUE must be a queue name (letters, digits, . _ -)' })
  transcribeQueue: string = QUEUE_NAMES.transcribe;

  @Expose({ name: 'WEBHOOK_QUEUE' })
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'WEBHOOK_QUEUE must be a queue name (letters, digits, . _ -)' })
  webhookQueue: string = QUEUE_NAMES.webhook;

  /** Batch jobs one gateway runs at once (each waits on its own flow; the model workers do the heavy part). */
  @Expose({ name: 'TRANSCRIBE_CONCURRENCY' })
  @IsInt({ message: 'TRANSCRIBE_CONCURRENCY must be a whole number' })
  @Min(1)
  @Max(64)
  transcribeConcurrency: number = 2;

  /** How long one batch job may take, from decoding to the transcript. */
  @Expose({ name: 'JOB_TIMEOUT_MS' })
  @IsInt({ message: 'JOB_TIMEOUT_MS must be a whole number' })
  @Min(1000)
  jobTimeoutMs: number = 60 * 60 * 1000;

  /** Directory queue producers may reference files in (`audio.path`); empty: path sources are refused. */
  @Expose({ name: 'JOBS_INPUT_DIR' })
  @IsOptional()
  @IsString()
  jobsInputDir: string = '';

  /** HMAC-SHA256 key of webhook signatures; webhooks are refused while it is unset. */
  @Expose({ name: 'WEBHOOK_SECRET' })
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'WEBHOOK_SECRET must be at least 16 characters' })
  webhookSecret?: string;

  /** `true` lets webhooks go to loopback, link-local and private addresses (local development and tests). */
  @Expose({ name: 'WEBHOOK_ALLOW_PRIVATE' })
  @Transform(({ obj }) => parseFlag((obj as Record<string, unknown>).WEBHOOK_ALLOW_PRIVATE))
  @IsBoolean({ message: 'WEBHOOK_ALLOW_PRIVATE must be true or false' })
  webhookAllowPrivate: boolean = false;

  keys(): ApiKeyEntry[] {
    return parseApiKeys(this.apiKeys).keys;
  }

  /** Every queue this gateway names (any `*Queue` setting): the ones /metrics reports and the dashboard lists. */
  queueNames(): string[] {
    const names = Object.entries(this).filter(([k, v]) => k.endsWith('Queue') && typeof v === 'string').map(([, v]) => v as string);
    return [...new Set(names)];
  }
}

/** `true`/`false` (also 1/0, yes/no); anything else stays as given so validation names it. */
function parseFlag(raw: unknown): unknown {
  if (raw === undefined || raw === '') return false;
  const s = String(raw).trim().toLowerCase();
  if (['true', '1', 'yes'].includes(s)) return true;
  if (['false', '0', 'no'].includes(s)) return false;
  return raw;
}
