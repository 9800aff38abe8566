import type { ErrorEnvelope } from '../../../../libs/contracts/src/errors/error-codes.js';
import type { RichTranscript } from '../../../../libs/contracts/src/transcript/rich-transcript.js';

const KEY_STORAGE = 'earshot.apiKey';

export function savedKey(): string {
  try {
    return localStorage.getItem(KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
}

export function saveKey(key: string): void {
  try {
    if (key) localStorage.setItem(KEY_STORAGE, key);
    else localStorage.removeItem(KEY_STORAGE);
  } catch {
    // storage may be disabled (private mode); the key then lives only in the field
  }
}

export interface UnderstandRequest {
  audio: Blob;
  fileName: string;
  language: string;
  itn: boolean;
  /** Optional analyses; asr always runs. */
  tasks: string[];
  key: string;
}

export type Progress =
  | { phase: 'upload'; fraction: number }
  /** `fraction` when the gateway reports it (the jobs API), else only that it is working. */
  | { phase: 'processing'; fraction?: number; queued?: boolean };

/** An answer in the gateway's error envelope (or a network failure, status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
  ) {
    super(message);
  }
}

/** What `GET /v1/jobs/:id` answers (the fields the page reads). */
interface JobView {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
  progress: number;
  result?: RichTranscript;
  error?: ErrorEnvelope['error'];
}

const POLL_MS = 250;
/** Keys seen without the jobs API (no `jobs` scope, or a gateway without it): straight to the sync route. */
const syncOnly = new Set<string>();

/**
 * Transcribes through the jobs API (`POST /v1/jobs`, then `GET /v1/jobs/:id` for real progress), or through the
 * synchronous `POST /v1/understand` when the key may not use jobs (403) or the gateway has no jobs route (404).
 */
export async function transcribe(
  req: UnderstandRequest,
  onProgress: (p: Progress) => void,
  signal: AbortSignal,
): Promise<RichTranscript> {
  if (!syncOnly.has(req.key)) {
    // A fresh Idempotency-Key per press: without one the gateway hands back the job of an identical earlier
    // request, which after a Cancel is that cancelled job.
    const created = await upload('v1/jobs', req, onProgress, signal, { 'Idempotency-Key': randomId() });
    if (created.status === 200 || created.status === 202) {
      return poll(created.body as JobView, req.key, onProgress, signal);
    }
    if (created.status !== 403 && created.status !== 404) throw toApiError(created);
    syncOnly.add(req.key);
  }
  const answer = await upload('v1/understand', req, onProgress, signal);
  if (answer.status !== 200 || !answer.body || typeof answer.body !== 'object') throw toApiError(answer);
  return answer.body as RichTranscript;
}

interface Answer {
  status: number;
  body: unknown;
  raw: string;
}

function authHeaders(key: string): Record<string, string> {
  return key ? { Authorization: `Bearer ${key}` } : {};
}

/**
 * One multipart POST. XMLHttpRequest rather than fetch because only it reports upload progress; relative URLs
 * keep the page working behind a path prefix.
 */
function upload(
  url: string,
  req: UnderstandRequest,
  onProgress: (p: Progress) => void,
  signal: AbortSignal,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const form = new FormData();
  form.append('tasks', ['asr', ...req.tasks].join(','));
  form.append('language', req.language);
  form.append('itn', String(req.itn));
  form.append('file', req.audio, req.fileName);
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(cancelled());
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [k, v] of Object.entries({ ...authHeaders(req.key), ...headers })) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress({ phase: 'upload', fraction: e.loaded / e.total });
    };
    xhr.upload.onload = () => onProgress({ phase: 'processing' });
    xhr.onload = () =>
      resolve({ status: xhr.status, body: parseJson(xhr.responseText), raw: xhr.responseText });
    xhr.onerror = () => reject(new ApiError(0, null, 'The gateway could not be reached'));
    xhr.onabort = () => reject(cancelled());
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

async function poll(
  job: JobView,
  key: string,
  onProgress: (p: Progress) => void,
  signal: AbortSignal,
): Promise<RichTranscript> {
  const url = `v1/jobs/${encodeURIComponent(job.id)}`;
  const cancel = () =>
    void fetch(url, { method: 'DELETE', headers: authHeaders(key) }).catch(() => undefined);
  signal.addEventListener('abort', cancel, { once: true });
  try {
    for (let view = job; ;) {
      if (view.status === 'completed' && view.result) return view.result;
      if (view.status === 'failed' || view.status === 'cancelled') {
        const e = view.error;
        throw new ApiError(0, e?.code ?? view.status.toUpperCase(), e?.message ?? `The job ${view.status}`);
      }
      onProgress({ phase: 'processing', fraction: view.progress, queued: view.status === 'queued' });
      await sleep(POLL_MS, signal);
      let res: Response;
      try {
        res = await fetch(url, { headers: authHeaders(key), signal, cache: 'no-store' });
      } catch {
        throw signal.aborted ? cancelled() : new ApiError(0, null, 'The gateway could not be reached');
      }
      const raw = await res.text();
      const answer = { status: res.status, body: parseJson(raw), raw };
      if (res.status !== 200) throw toApiError(answer);
      view = answer.body as JobView;
    }
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

/** 128 random bits in hex; getRandomValues works on plain-http pages too, where randomUUID does not exist. */
function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(cancelled());
      },
      { once: true },
    );
  });
}

function cancelled(): ApiError {
  return new ApiError(0, 'CANCELLED', 'Cancelled');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError({ status, body, raw }: Answer): ApiError {
  const err = (body as Partial<ErrorEnvelope> | undefined)?.error;
  if (err && typeof err.message === 'string') return new ApiError(status, err.code ?? null, err.message);
  return new ApiError(status, null, raw.trim().slice(0, 200) || `HTTP ${status}`);
}
