import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { EarshotError, TranscribeAudioSource } from '@earshot/contracts';
import { BYTES_STORE, BytesStore } from '@earshot/platform';
import { GatewayConfig } from '../gateway.config';

export type JobInput = { bytes: Buffer; contentType?: string } | { file: string };

/** Where a batch job's audio comes from: inline base64, a file under JOBS_INPUT_DIR, or bytes uploaded over HTTP. */
@Injectable()
export class JobInputAdapter {
  constructor(
    private readonly config: GatewayConfig,
    @Inject(BYTES_STORE) private readonly uploads: BytesStore,
  ) {}

  async load(src: TranscribeAudioSource, contentType?: string): Promise<JobInput> {
    if ('base64' in src) return { bytes: Buffer.from(src.base64, 'base64'), contentType };
    if ('upload' in src) {
      const bytes = await this.uploads.get(src.upload);
      if (!bytes) throw new EarshotError('NOT_FOUND', 'The uploaded audio expired before the job ran', 'audio.upload');
      return { bytes, contentType };
    }
    return { file: await this.inputFile(src.path) };
  }

  /** Uploaded bytes are dropped once the job is done for good; producers' own files are left alone. */
  async release(src: TranscribeAudioSource): Promise<void> {
    if ('upload' in src) await this.uploads.delete(src.upload).catch(() => undefined);
  }

  /** Resolves symlinks before the containment check, so a link inside the directory cannot lead out of it. */
  private async inputFile(path: string): Promise<string> {
    if (!this.config.jobsInputDir)
      throw new EarshotError('INVALID_ARGUMENT', 'audio.path is off on this server (JOBS_INPUT_DIR is not set)', 'audio.path');
    const root = await realpath(this.config.jobsInputDir).catch(() => {
      throw new EarshotError('DEPENDENCY_UNAVAILABLE', 'JOBS_INPUT_DIR does not exist');
    });
    if (isAbsolute(path)) throw outside();
    let real: string;
    try {
      real = await realpath(resolve(root, path));
    } catch {
      throw new EarshotError('NOT_FOUND', 'No such file under JOBS_INPUT_DIR', 'audio.path');
    }
    const rel = relative(root, real);
    if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) throw outside();
    return real;
  }
}

function outside(): EarshotError {
  return new EarshotError('INVALID_ARGUMENT', 'audio.path must be a relative path inside JOBS_INPUT_DIR', 'audio.path');
}
