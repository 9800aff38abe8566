import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import { EarshotError } from '@earshot/contracts';

export interface UploadLimits {
  maxFileBytes: number;
}

export interface Upload {
  file?: { buffer: Buffer; mimetype: string; originalname: string; size: number };
  /** Text fields; a field sent several times (e.g. `timestamp_granularities[]`) keeps every value. */
  fields: Record<string, string | string[]>;
}

/** Form fields are short options; bounding them keeps a hostile form from costing memory. */
const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 4096;

/** Parses a multipart form with one file held in memory, under hard limits; every failure is an EarshotError. */
export function readMultipart(req: Request, res: Response, limits: UploadLimits): Promise<Upload> {
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.startsWith('multipart/form-data')) {
    return Promise.reject(
      new EarshotError(
        'INVALID_ARGUMENT',
        'Send the audio as multipart/form-data with the file in the "file" field',
        'file',
      ),
    );
  }
  const declared = Number(req.headers['content-length']);
  // Multipart overhead is small: a declared body far over the file limit is refused before reading it.
  if (Number.isFinite(declared) && declared > limits.maxFileBytes + 64 * 1024) {
    req.resume();
    return Promise.reject(tooLarge(limits.maxFileBytes));
  }
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
    parse(req, res, (err: unknown) => {
      if (err) return reject(toEarshot(err, limits));
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
