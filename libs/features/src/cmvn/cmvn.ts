import { EarshotError } from '@earshot/contracts';
import { FeatureMatrix } from '../features.types';

/** Global CMVN as the SenseVoice exports store it: y = (x + negMean) · invStddev. */
export interface Cmvn {
  readonly negMean: Float32Array;
  readonly invStddev: Float32Array;
}

function bad(message: string): EarshotError {
  return new EarshotError('MODEL_INVALID', message, 'cmvn');
}

function toVector(values: readonly string[] | ArrayLike<number>, what: string): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const raw = values[i];
    const v = typeof raw === 'number' ? raw : raw.trim() === '' ? NaN : Number(raw);
    if (!Number.isFinite(v)) throw bad(`${what}: value ${i} is not a finite number`);
    out[i] = v;
  }
  return out;
}

export function cmvnFromVectors(
  negMean: ArrayLike<number> | string,
  invStddev: ArrayLike<number> | string,
): Cmvn {
  // Model metadata stores them as comma-separated text (sherpa export: `neg_mean`, `inv_stddev`).
  const nm =
    typeof negMean === 'string' ? toVector(negMean.split(','), 'neg_mean') : toVector(negMean, 'neg_mean');
  const is =
    typeof invStddev === 'string'
      ? toVector(invStddev.split(','), 'inv_stddev')
      : toVector(invStddev, 'inv_stddev');
  if (nm.length === 0 || nm.length !== is.length) {
    throw bad(`CMVN vectors must be non-empty and of equal length, got ${nm.length} and ${is.length}`);
  }
  return { negMean: nm, invStddev: is };
}

/**
 * Parses a Kaldi nnet1 `am.mvn` (spec §1.7): the `<LearnRateCoef>` line after `<AddShift>` holds the negated
 * means and the one after `<Rescale>` the inverse standard deviations; tokens [3, len-1) are the values.
 */
export function parseAmMvn(text: string): Cmvn {
  const lines = text.split(/\r?\n/);
  const vectorAfter = (tag: string): string[] => {
    const at = lines.findIndex((l) => l.trim().startsWith(tag));
    if (at < 0) throw bad(`am.mvn has no ${tag} section`);
    const line = lines.slice(at + 1).find((l) => l.trim() !== '');
    const tokens = line?.trim().split(/\s+/) ?? [];
    if (tokens[0] !== '<LearnRateCoef>' || tokens[2] !== '[' || tokens[tokens.length - 1] !== ']') {
      throw bad(`am.mvn: the line after ${tag} is not "<LearnRateCoef> 0 [ ... ]"`);
    }
    return tokens.slice(3, tokens.length - 1);
  };
  const shift = vectorAfter('<AddShift>');
  const scale = vectorAfter('<Rescale>');
  return cmvnFromVectors(toVector(shift, 'AddShift'), toVector(scale, 'Rescale'));
}

/** Applies CMVN in place (after LFR, never before: the statistics are for the stacked dimension). */
export function applyCmvn(feats: FeatureMatrix, cmvn: Cmvn): FeatureMatrix {
  const dim = feats.dim;
  if (cmvn.negMean.length !== dim) {
    throw new EarshotError(
      'INVALID_ARGUMENT',
      `CMVN has ${cmvn.negMean.length} dimensions but the features have ${dim} (apply it after LFR?)`,
      'cmvn',
    );
  }
  const { data, frames } = feats;
  const nm = cmvn.negMean;
  const is = cmvn.invStddev;
  for (let t = 0; t < frames; t++) {
    const base = t * dim;
    for (let d = 0; d < dim; d++) data[base + d] = (data[base + d] + nm[d]) * is[d];
  }
  return feats;
}
