import { EarshotError } from '../errors/earshot.error';
import { ASR_LANGUAGES, AsrLanguage } from '../transcript/asr-result';
import { RichTranscript, UNDERSTAND_TASKS, UnderstandTask } from '../transcript/rich-transcript';

/**
 * `earshot.transcribe.v1`: the public batch contract. A producer in another service adds a job with a plain
 * BullMQ `Queue` on this name and reads the rich transcript as the job's return value.
 *
 * Versioning rule: fields are only ever added (optional) within v1; renaming, removing or changing the meaning
 * of a field makes `earshot.transcribe.v2`, a new queue served side by side until v1 producers are gone.
 */
export type TranscribeAudioSource =
  /** The file's bytes (any format ffmpeg decodes), base64; for files up to the gateway's MAX_UPLOAD_BYTES. */
  | { base64: string }
  /** A file under the gateway's JOBS_INPUT_DIR (shared volume), relative to it; anything outside is refused. */
  | { path: string }
  /** Bytes the gateway stored itself (POST /v1/jobs); a Redis key under UPLOAD_KEY_PREFIX. Not for producers. */
  | { upload: string };

export interface TranscribeJobData {
  audio: TranscribeAudioSource;
  /** Shown in logs and used to guess the format when the bytes do not say. */
  filename?: string;
  contentType?: string;
  /** `auto` (default) or zh, en, yue, ja, ko. */
  language?: AsrLanguage;
  /** Written form (default true). */
  itn?: boolean;
  /** Analyses to run; asr always runs. Default: all. */
  tasks?: UnderstandTask[];
  /** POSTed `{id, status, result | error}` when the job completes or fails for good, signed (X-Earshot-Signature). */
  webhook?: { url: string };
  /** Set by the gateway: the API key that submitted the job over HTTP (only it may read or cancel the job). */
  owner?: string;
}

/** The job's return value. */
export type TranscribeJobResult = RichTranscript;

/** What the processor runs after checking a payload: every default filled in. */
export interface TranscribeJob {
  audio: TranscribeAudioSource;
  filename?: string;
  contentType?: string;
  language: AsrLanguage;
  itn: boolean;
  tasks: UnderstandTask[];
  webhookUrl?: string;
  owner?: string;
}

/** Redis keys of bytes uploaded through POST /v1/jobs; an `upload` source must name one of these. */
export const UPLOAD_KEY_PREFIX = 'earshot:upload:';

/** Uploaded bytes wait at most this long for their job (a job still queued past it fails with NOT_FOUND). */
export const UPLOAD_TTL_SECONDS = 24 * 60 * 60;

/** Batch results are fetched later than sync ones: completed jobs stay readable a day, failed ones a week. */
export const TRANSCRIBE_JOB_RETENTION = {
  completed: { age: 24 * 60 * 60, count: 10_000 },
  failed: { age: 7 * 24 * 60 * 60, count: 10_000 },
} as const;

/** The flow inside already retries model jobs; one more attempt covers a gateway that died mid-job. */
export const TRANSCRIBE_JOB_RETRY = { attempts: 2, backoffMs: 5_000 } as const;

/** Webhook deliveries: exponential backoff from `backoffMs` (1 s, 2 s, 4 s, … about 2 min in all), then given up. */
export const WEBHOOK_DELIVERY = { attempts: 8, backoffMs: 1_000, timeoutMs: 10_000 } as const;

/** Delivered to a job's webhook URL. */
export interface WebhookPayload {
  id: string;
  status: 'completed' | 'failed';
  result?: RichTranscript;
  error?: { message: string; type: string; param: string | null; code: string };
}

/** `earshot.webhook.v1`: one delivery; the body is sent as is and signed at each attempt. */
export interface WebhookJobData {
  url: string;
  body: string;
}

const MAX_FILENAME = 255;

function bad(message: string, param: string): EarshotError {
  return new EarshotError('INVALID_ARGUMENT', message, param);
}

function optionalString(v: unknown, param: string, max: number): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v.length > max) throw bad(`${param} must be a string of at most ${max} characters`, param);
  return v;
}

function audioSource(v: unknown, maxBase64Chars: number): TranscribeAudioSource {
  const a = v as Record<string, unknown> | null;
  if (!a || typeof a !== 'object' || Array.isArray(a))
    throw bad('audio must be {"base64": "..."} or {"path": "..."}', 'audio');
  const keys = Object.keys(a).filter((k) => a[k] !== undefined);
  if (keys.length !== 1) throw bad('audio must have exactly one of base64, path', 'audio');
  if (typeof a.base64 === 'string') {
    if (a.base64.length === 0) throw new EarshotError('AUDIO_EMPTY', 'audio.base64 is empty', 'audio.base64');
    if (a.base64.length > maxBase64Chars)
      throw new EarshotError('AUDIO_TOO_LARGE', `audio.base64 is over ${maxBase64Chars} characters`, 'audio.base64');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(a.base64) || a.base64.length % 4 === 1)
      throw bad('audio.base64 is not base64', 'audio.base64');
    return { base64: a.base64 };
  }
  if (typeof a.path === 'string') {
    if (!a.path || a.path.length > 4096 || a.path.includes('\0')) throw bad('audio.path is not a usable path', 'audio.path');
    return { path: a.path };
  }
  if (typeof a.upload === 'string') {
    if (!a.upload.startsWith(UPLOAD_KEY_PREFIX) || a.upload.length > 512) throw bad('audio.upload is not an upload key', 'audio.upload');
    return { upload: a.upload };
  }
  throw bad('audio must be {"base64": "..."} or {"path": "..."}', 'audio');
}

/**
 * Checks a job payload from any producer. Bad input throws INVALID_ARGUMENT (or AUDIO_*) naming the field, which
 * the queue driver turns into an unrecoverable failure with that reason.
 */
export function parseTranscribeJobData(raw: unknown, limits: { maxAudioBytes: number }): TranscribeJob {
  const d = raw as Record<string, unknown> | null;
  if (!d || typeof d !== 'object' || Array.isArray(d)) throw bad('job data must be an object', 'data');
  const audio = audioSource(d.audio, Math.ceil(limits.maxAudioBytes / 3) * 4);
  const language = d.language ?? 'auto';
  if (typeof language !== 'string' || !(ASR_LANGUAGES as readonly string[]).includes(language))
    throw bad(`language must be one of ${ASR_LANGUAGES.join(', ')}`, 'language');
  const itn = d.itn ?? true;
  if (typeof itn !== 'boolean') throw bad('itn must be true or false', 'itn');
  let tasks: UnderstandTask[] = [...UNDERSTAND_TASKS];
  if (d.tasks !== undefined) {
    if (!Array.isArray(d.tasks) || d.tasks.some((t) => !(UNDERSTAND_TASKS as readonly unknown[]).includes(t)))
      throw bad(`tasks must be an array of ${UNDERSTAND_TASKS.join(', ')}`, 'tasks');
    tasks = UNDERSTAND_TASKS.filter((t) => t === 'asr' || (d.tasks as unknown[]).includes(t));
  }
  let webhookUrl: string | undefined;
  if (d.webhook !== undefined && d.webhook !== null) {
    const w = d.webhook as Record<string, unknown>;
    if (typeof w !== 'object' || typeof w.url !== 'string' || w.url.length > 2048)
      throw bad('webhook must be {"url": "https://..."}', 'webhook');
    webhookUrl = w.url;
  }
  return {
    audio,
    filename: optionalString(d.filename, 'filename', MAX_FILENAME),
    contentType: optionalString(d.contentType, 'contentType', 255),
    language: language as AsrLanguage,
    itn,
    tasks,
    webhookUrl,
    owner: optionalString(d.owner, 'owner', 255),
  };
}
