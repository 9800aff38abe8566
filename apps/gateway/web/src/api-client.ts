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

export type Progress = { phase: 'upload'; fraction: number } | { phase: 'processing' };

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

/**
 * POST /v1/understand as multipart. XMLHttpRequest rather than fetch because only it reports upload progress;
 * the relative URL keeps the page working behind a path prefix.
 */
export function understand(
  req: UnderstandRequest,
  onProgress: (p: Progress) => void,
  signal: AbortSignal,
): Promise<RichTranscript> {
  const form = new FormData();
  form.append('tasks', ['asr', ...req.tasks].join(','));
  form.append('language', req.language);
  form.append('itn', String(req.itn));
  form.append('format', 'json');
  form.append('file', req.audio, req.fileName);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', 'v1/understand');
    if (req.key) xhr.setRequestHeader('Authorization', `Bearer ${req.key}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress({ phase: 'upload', fraction: e.loaded / e.total });
    };
    xhr.upload.onload = () => onProgress({ phase: 'processing' });
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status === 200 && body && typeof body === 'object') resolve(body as RichTranscript);
      else reject(toApiError(xhr.status, body, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, null, 'The gateway could not be reached'));
    xhr.onabort = () => reject(new ApiError(0, 'CANCELLED', 'Cancelled'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError(status: number, body: unknown, raw: string): ApiError {
  const err = (body as Partial<ErrorEnvelope> | undefined)?.error;
  if (err && typeof err.message === 'string') return new ApiError(status, err.code ?? null, err.message);
  return new ApiError(status, null, raw.trim().slice(0, 200) || `HTTP ${status}`);
}
