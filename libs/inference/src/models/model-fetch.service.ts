import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EarshotError } from '@earshot/contracts';
import { CatalogModel, MODEL_CATALOG } from './model-catalog';
import { ModelManifest } from './model-manifest';
import { MANIFEST_FILE, sha256File } from './model-manifest.loader';
import { DownloadProgress, HttpDownloader } from './http-download.adapter';

export interface FetchModelOptions {
  modelsDir: string;
  /** Mirror or local copy; files are fetched from `<baseUrl>/<file name>`. */
  baseUrl?: string;
  /** Trust-on-first-use for catalog files without a pinned hash. Never overrides a pinned hash. */
  acceptHash?: boolean;
  /** Replace an installed copy. */
  force?: boolean;
  onFileStart?: (file: string, index: number, count: number) => void;
  onProgress?: (file: string, p: DownloadProgress) => void;
  idleTimeoutMs?: number;
  downloader?: HttpDownloader;
}

export interface FetchModelResult {
  dir: string;
  files: Array<{ name: string; sha256: string; bytes: number; pinned: boolean }>;
  alreadyInstalled: boolean;
}

export function catalogModel(name: string): CatalogModel {
  const m = MODEL_CATALOG[name];
  if (!m)
    throw new EarshotError('MODEL_NOT_FOUND', `Unknown model "${name}" (known: ${Object.keys(MODEL_CATALOG).join(', ')})`, 'name');
  return m;
}

/**
 * Downloads a catalog model into `<modelsDir>/<name>/`: each file into `<modelsDir>/.<name>.partial/<file>.part`
 * (resumed on the next run), checked against its pinned sha256, then the staging directory gets a manifest and
 * is renamed into place in one step, so a model directory is either complete and verified or absent.
 */
export async function fetchModel(model: CatalogModel, opts: FetchModelOptions): Promise<FetchModelResult> {
  const target = join(opts.modelsDir, model.name);
  if (existsSync(join(target, MANIFEST_FILE)) && !opts.force) return { dir: target, files: [], alreadyInstalled: true };
  const staging = join(opts.modelsDir, `.${model.name}.partial`);
  mkdirSync(staging, { recursive: true });
  const base = (opts.baseUrl ?? model.defaultBaseUrl).replace(/\/+$/, '');
  const downloader = opts.downloader ?? new HttpDownloader();
  const done: FetchModelResult['files'] = [];
  for (const [i, f] of model.files.entries()) {
    const part = join(staging, `${f.name}.part`);
    opts.onFileStart?.(f.name, i, model.files.length);
    await downloader.download(`${base}/${encodeURIComponent(f.name)}`, part, {
      idleTimeoutMs: opts.idleTimeoutMs,
      onProgress: (p) => opts.onProgress?.(f.name, p),
    });
    const sha = await sha256File(part);
    if (f.sha256 && sha !== f.sha256) {
      rmSync(part, { force: true });
      throw new EarshotError(
        'MODEL_FETCH_FAILED',
        `${f.name} failed its checksum (sha256 ${sha}, expected ${f.sha256}); the partial file was removed, run again`,
      );
    }
    if (!f.sha256 && !opts.acceptHash)
      throw new EarshotError(
        'MODEL_FETCH_FAILED',
        `${f.name} has no pinned checksum in this release; downloaded sha256 is ${sha}. ` +
          'Compare it with the publisher, then run again with --accept-hash to install it (kept, no re-download)',
      );
    const bytes = statSync(part).size;
    done.push({ name: f.name, sha256: sha, bytes, pinned: Boolean(f.sha256) });
  }
  for (const f of model.files) renameSync(join(staging, `${f.name}.part`), join(staging, f.name));
  const manifest: ModelManifest = {
    name: model.name,
    task: model.task,
    format: model.format,
    description: model.description,
    files: model.files.map((f, i) => ({ role: f.role, path: f.name, sha256: done[i].sha256, bytes: done[i].bytes })),
    frontend: { sampleRate: 16000, featureDim: 80, frameLengthMs: 25, frameShiftMs: 10, window: 'hamming', dither: 0, lfrM: 7, lfrN: 6, cmvn: 'metadata' },
    labels: { languages: ['zh', 'en', 'yue', 'ja', 'ko'] },
    licence: model.licence,
    source: `${base} (fetched ${new Date().toISOString()}${done.some((d) => !d.pinned) ? ', hash accepted on first use' : ''})`,
  };
  writeFileSync(join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  if (existsSync(target)) {
    const old = join(opts.modelsDir, `.${model.name}.old`);
    rmSync(old, { recursive: true, force: true });
    renameSync(target, old);
    renameSync(staging, target);
    rmSync(old, { recursive: true, force: true });
  } else renameSync(staging, target);
  return { dir: target, files: done, alreadyInstalled: false };
}
