import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import { EarshotError } from '@earshot/contracts';
import { closeAfterAnswer, declaredTooLarge, watchUpload } from '../upload/upload-watchdog';

export interface UploadLimits {
  maxFileBytes: number;
  /** See UploadWatch: a stalled upload, and one that takes too long overall, end in 408 UPLOAD_TIMEOUT. */
  idleTimeoutMs?: number;
  totalTimeoutMs?: number;
}

export interface Upload {
  file?: { buffer: Buffer; mimetype: string; originalname: string; size: number };
  /** Text fields; a field sent several times (e.g. `timestamp_granularities[]`) keeps every value. */
  fields: Record<string, string | string[]>;
}

/** Form fields are short options; bounding them keeps a hostile form from costing memory. */
const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 4096;
/** Room for the boundaries, part headers (names up to a few KiB) and the fields around the file. */
const FORM_OVERHEAD_BYTES = MAX_FIELDS * MAX_FIELD_BYTES + 64 * 1024;
const MULTIPART_FORM = /^multipart\/form-data\s*(;|$)/i;

/** Parses a multipart form with one file held in memory, under hard limits; every failure is an EarshotError. */
export function readMultipart(req: Request, res: Response, limits: UploadLimits): Promise<Upload> {
  if (!MULTIPART_FORM.test(req.headers['content-type'] ?? '')) {
    return Promise.reject(
      new EarshotError(
        'INVALID_ARGUMENT',
        'Send the audio as multipart/form-data with the file in the "file" field',
        'file',
      ),
    );
  }
  // The whole form is capped too, not only the file: a chunked body of endless preamble or padding is cut off.
  const maxBody = limits.maxFileBytes + FORM_OVERHEAD_BYTES;
  const early = declaredTooLarge(req, maxBody);
  if (early) return Promise.reject(tooLarge(limits.maxFileBytes));
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: {
      fileSize: limits.maxFileBytes,
      files: 1,
      fields: MAX_FIELDS,
      fieldSize: MAX_FIELD_BYTES,
      parts: MAX_FIELDS + 1,
    },
  }).single('file');
  return new Promise((resolve, reject) => {
    let settled = false;
    const stopWatch = watchUpload(
      req,
      { maxBytes: maxBody, idleTimeoutMs: limits.idleTimeoutMs, totalTimeoutMs: limits.totalTimeoutMs },
      (err) => {
        if (settled) return;
        settled = true;
        // The parser waits for bytes that will never be read; whatever still arrives is discarded.
        req.unpipe();
        req.resume();
        reject(err.code === 'AUDIO_TOO_LARGE' ? tooLarge(limits.maxFileBytes) : err);
      },
    );
    parse(req, res, (err: unknown) => {
      stopWatch();
      if (settled) return;
      settled = true;
      if (err) {
        closeAfterAnswer(req);
        return reject(toEarshot(err, limits));
      }
      resolve({ file: req.file, fields: (req.body ?? {}) as Record<string, string | string[]> });
    });
  });
}

function toEarshot(err: unknown, limits: UploadLimits): EarshotError {
  if (err instanceof MulterError) {
    switch (err.code) {
      case 'LIMIT_FILE_SIZE':
        return tooLarge(limits.maxFileBytes);
      case 'LIMIT_UNEXPECTED_FILE':
      case 'LIMIT_FILE_COUNT':
        return new EarshotError(
          'INVALID_ARGUMENT',
          'Send exactly one file, in the "file" field',
          err.field ?? 'file',
        );
      default:
        return new EarshotError('INVALID_ARGUMENT', `Bad multipart form: ${err.message}`, err.field ?? null);
    }
  }
  if (err instanceof EarshotError) return err;
  return new EarshotError(
    'INVALID_ARGUMENT',
    `Bad multipart form: ${err instanceof Error ? err.message : String(err)}`,
    null,
  );
}

function tooLarge(max: number): EarshotError {
  return new EarshotError('AUDIO_TOO_LARGE', `Maximum content size limit (${max}) exceeded`, 'file');
}

/** The upload's file, or the 400 every audio route answers without one. */
export function requireFile(upload: Upload): NonNullable<Upload['file']> {
  if (!upload.file)
    throw new EarshotError(
      'INVALID_ARGUMENT',
      'No file: send the audio in the multipart field "file"',
      'file',
    );
  if (upload.file.size === 0) throw new EarshotError('AUDIO_EMPTY', 'The uploaded file is empty', 'file');
  return upload.file;
}
