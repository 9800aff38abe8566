import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, normalize, sep } from 'node:path';
import { EarshotError } from '@earshot/contracts';
import { MODEL_TASKS, ModelFile, ModelManifest } from './model-manifest';

export const MANIFEST_FILE = 'manifest.json';

/** A model directory whose manifest was validated and whose files matched their checksums. */
export class ModelPackage {
  constructor(
    readonly dir: string,
    readonly manifest: ModelManifest,
  ) {}

  get name(): string {
    return this.manifest.name;
  }

  /** Absolute path of the file with this role, or undefined. */
  file(role: string): string | undefined {
    const f = this.manifest.files.find((x) => x.role === role);
    return f ? join(this.dir, f.path) : undefined;
  }

  requireFile(role: string): string {
    const p = this.file(role);
    if (!p) throw new EarshotError('MODEL_INVALID', `Model ${this.name} has no "${role}" file in its manifest`);
    return p;
  }
}

export interface LoadManifestOptions {
  /** Skip the sha256 check (the `models` command's `--no-verify`, tests of broken files); sizes are still checked. */
  verify?: boolean;
}

/** Reads `<dir>/manifest.json`, validates it and verifies every listed file (present, size, sha256). */
export async function loadModelPackage(dir: string, opts: LoadManifestOptions = {}): Promise<ModelPackage> {
  const path = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new EarshotError('MODEL_NOT_FOUND', `No model manifest at ${path}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new EarshotError('MODEL_INVALID', `${path} is not valid JSON: ${(err as Error).message}`);
  }
  const manifest = validateManifest(raw, path);
  for (const f of manifest.files) await verifyFile(dir, f, manifest.name, opts.verify ?? true);
  return new ModelPackage(dir, manifest);
}

export function validateManifest(raw: unknown, where: string): ModelManifest {
  const problems: string[] = [];
  const m = raw as Partial<ModelManifest> & Record<string, unknown>;
  if (!m || typeof m !== 'object' || Array.isArray(m)) throw bad(where, ['not a JSON object']);
  if (typeof m.name !== 'string' || !m.name) problems.push('"name" must be a non-empty string');
  if (!MODEL_TASKS.includes(m.task as never)) problems.push(`"task" must be one of ${MODEL_TASKS.join(', ')}`);
  if (typeof m.format !== 'string' || !m.format) problems.push('"format" must be a non-empty string');
  if (typeof m.licence !== 'string' || !m.licence) problems.push('"licence" must be a non-empty string');
  if (!Array.isArray(m.files) || m.files.length === 0) problems.push('"files" must be a non-empty array');
  else
    m.files.forEach((f: Partial<ModelFile>, i: number) => {
      if (!f || typeof f !== 'object') return problems.push(`files[${i}] must be an object`);
      if (typeof f.role !== 'string' || !f.role) problems.push(`files[${i}].role must be a non-empty string`);
      if (typeof f.path !== 'string' || !isSafeRelative(f.path))
        problems.push(`files[${i}].path must be a relative path inside the model directory`);
      if (typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256))
        problems.push(`files[${i}].sha256 must be 64 lower-case hex digits`);
      if (f.bytes !== undefined && (!Number.isInteger(f.bytes) || f.bytes < 0))
        problems.push(`files[${i}].bytes must be a non-negative integer`);
    });
  const fe = m.frontend;
  if (!fe || typeof fe !== 'object') problems.push('"frontend" must be an object');
  else {
    if (!Number.isInteger(fe.sampleRate) || fe.sampleRate <= 0) problems.push('frontend.sampleRate must be a positive integer');
    if (!Number.isInteger(fe.featureDim) || fe.featureDim <= 0) problems.push('frontend.featureDim must be a positive integer');
  }
  if (problems.length) throw bad(where, problems);
  return m as ModelManifest;
}

function isSafeRelative(p: string): boolean {
  if (!p || isAbsolute(p)) return false;
  const n = normalize(p);
  return n !== '..' && !n.startsWith(`..${sep}`);
}

async function verifyFile(dir: string, f: ModelFile, name: string, verify: boolean): Promise<void> {
  const p = join(dir, f.path);
  let size: number;
  try {
    const st = await stat(p);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw new EarshotError('MODEL_NOT_FOUND', `Model ${name}: file ${f.path} (${f.role}) is missing from ${dir}`);
  }
  if (f.bytes !== undefined && f.bytes !== size)
    throw new EarshotError('MODEL_INVALID', `Model ${name}: ${f.path} has ${size} bytes, the manifest says ${f.bytes}`);
  if (!verify) return;
  const actual = await sha256File(p);
  if (actual !== f.sha256)
    throw new EarshotError(
      'MODEL_INVALID',
      `Model ${name}: ${f.path} does not match its checksum (sha256 ${actual}, manifest ${f.sha256}); re-fetch or regenerate it`,
    );
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path, { highWaterMark: 1 << 20 })
      .on('data', (c) => h.update(c))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

function bad(where: string, problems: string[]): EarshotError {
  return new EarshotError('MODEL_INVALID', `Invalid model manifest ${where}: ${problems.join('; ')}`);
}
