import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EarshotError } from '@earshot/contracts';
import { loadModelPackage, MANIFEST_FILE, ModelPackage } from '../models/model-manifest.loader';
import { SenseVoiceLoadOptions, SenseVoiceModel } from '../sensevoice/sensevoice-model';

/** Preference order when no model is named: the real SenseVoiceSmall when fetched, else the shipped digits model. */
export const DEFAULT_ASR_MODELS = ['sensevoice-small', 'digits-en-ctc'] as const;

const SENSEVOICE_FORMATS = ['sensevoice-sherpa', 'sensevoice-funasr'];

export interface LoadAsrModelOptions extends SenseVoiceLoadOptions {
  /** A model directory name under modelsDir, or an absolute/relative path to a model directory. */
  model?: string;
  /** Verify sha256 of every file (default true). */
  verify?: boolean;
}

export interface LoadedAsrModel {
  pkg: ModelPackage;
  model: SenseVoiceModel;
}

/** Which model directory to use: the one named, else the first of DEFAULT_ASR_MODELS that is installed. */
export function resolveAsrModelDir(modelsDir: string, model?: string): string {
  if (model) {
    const dir = existsSync(join(model, MANIFEST_FILE)) ? model : join(modelsDir, model);
    if (!existsSync(join(dir, MANIFEST_FILE)))
      throw new EarshotError('MODEL_NOT_FOUND', `ASR model "${model}" is not installed (no ${join(dir, MANIFEST_FILE)})`, 'model');
    return dir;
  }
  for (const name of DEFAULT_ASR_MODELS) {
    const dir = join(modelsDir, name);
    if (existsSync(join(dir, MANIFEST_FILE))) return dir;
  }
  throw new EarshotError(
    'MODEL_NOT_FOUND',
    `No ASR model in ${modelsDir}: expected ${DEFAULT_ASR_MODELS.map((m) => `${m}/${MANIFEST_FILE}`).join(' or ')} ` +
      '(run "earshot models fetch sensevoice-small", or check MODELS_DIR)',
    'model',
  );
}

/** Resolves, verifies (manifest + checksums) and loads a SenseVoice-format ASR model, warmed up. */
export async function loadAsrModel(modelsDir: string, opts: LoadAsrModelOptions = {}): Promise<LoadedAsrModel> {
  const dir = resolveAsrModelDir(modelsDir, opts.model);
  const pkg = await loadModelPackage(dir, { verify: opts.verify });
  const m = pkg.manifest;
  if (m.task !== 'asr' || !SENSEVOICE_FORMATS.includes(m.format))
    throw new EarshotError(
      'MODEL_INVALID',
      `Model ${m.name} is ${m.task}/${m.format}; the ASR service needs a ${SENSEVOICE_FORMATS.join(' or ')} model`,
    );
  const model = await SenseVoiceModel.load(
    { model: pkg.requireFile('model'), tokens: pkg.requireFile('tokens'), cmvn: pkg.file('cmvn') },
    { lfrM: m.frontend.lfrM, lfrN: m.frontend.lfrN, ...opts },
  );
  return { pkg, model };
}
