import { EarshotError } from '@earshot/contracts';
import { FbankProcessor } from '@earshot/features';
import { LoadManifestOptions, ModelPackage, loadModelPackage } from '../models/model-manifest.loader';
import { OnnxSession, ort } from '../onnx/onnx-session.adapter';
import { ClassifierSpec, parseClassifierSpec } from './classifier-manifest';

export interface ClassifierLoadOptions extends LoadManifestOptions {
  intraOpThreads?: number;
  maxInFlight?: number;
}

/** Outputs of one batched run, row-major, activation applied. */
export interface ClassifierOutput {
  batch: number;
  classes: number;
  /** [batch, classes] */
  clip: Float32Array;
  /** [batch, frames, classes] when the model has a frame output. */
  frame?: Float32Array;
  frames: number;
}

/**
 * A loaded "classifier" model: manifest (checksums verified), its front-end and an ONNX session.
 * [N, T, F] log-mel in; [N, C] clip and/or [N, T', C] frame scores out. Shared by AED, LID and SER.
 */
export class ClassifierModel {
  readonly fbank: FbankProcessor;

  constructor(
    readonly pkg: ModelPackage,
    readonly spec: ClassifierSpec,
    private readonly session: OnnxSession,
  ) {
    this.fbank = new FbankProcessor(spec.fbank);
    const missing = [spec.input].filter((n) => !session.inputNames.includes(n));
    const outs = [spec.clipOutput, spec.frameOutput].filter((n): n is string => !!n);
    missing.push(...outs.filter((n) => !session.outputNames.includes(n)));
    if (missing.length)
      throw new EarshotError(
        'MODEL_INVALID',
        `Model ${pkg.name}: the ONNX graph has no tensor named ${missing.join(', ')}`,
      );
  }

  static async load(dir: string, opts: ClassifierLoadOptions = {}): Promise<ClassifierModel> {
    const pkg = await loadModelPackage(dir, { verify: opts.verify });
    if (pkg.manifest.format !== 'classifier')
      throw new EarshotError(
        'MODEL_INVALID',
        `Model ${pkg.name} has format "${pkg.manifest.format}", expected "classifier"`,
      );
    const spec = parseClassifierSpec(pkg.manifest);
    const session = await OnnxSession.load(pkg.requireFile('model'), opts);
    try {
      return new ClassifierModel(pkg, spec, session);
    } catch (err) {
      await session.close();
      throw err;
    }
  }

  get name(): string {
    return this.pkg.name;
  }

  get labels(): readonly string[] {
    return this.spec.labels;
  }

  /** Runs `batch` feature matrices of `frames` x featureDim each, packed row-major in `features`. */
  async run(features: Float32Array, batch: number, frames: number): Promise<ClassifierOutput> {
    const dim = this.fbank.dim;
    if (features.length !== batch * frames * dim || frames < 1)
      throw new EarshotError(
        'INVALID_ARGUMENT',
        `features must hold ${batch}x${frames}x${dim} values`,
        'features',
      );
    const out = await this.session.run({
      [this.spec.input]: new ort.Tensor('float32', features, [batch, frames, dim]),
    });
    const classes = this.spec.labels.length;
    let frame: Float32Array | undefined;
    let outFrames = 0;
    if (this.spec.frameOutput) {
      const t = out[this.spec.frameOutput];
      frame = this.checked(t, this.spec.frameOutput, 3, batch, classes);
      outFrames = Number(t.dims[1]);
      this.activate(frame, classes);
    }
    let clip: Float32Array;
    if (this.spec.clipOutput) {
      clip = this.checked(out[this.spec.clipOutput], this.spec.clipOutput, 2, batch, classes);
      this.activate(clip, classes);
    } else {
      clip = meanOverFrames(frame as Float32Array, batch, outFrames, classes);
    }
    return { batch, classes, clip, frame, frames: outFrames };
  }

  async close(): Promise<void> {
    await this.session.close();
  }

  private checked(
    t: ort.Tensor | undefined,
    name: string,
    rank: number,
    batch: number,
    classes: number,
  ): Float32Array {
    const d = t?.dims ?? [];
    if (!t || t.type !== 'float32' || d.length !== rank || d[0] !== batch || d[rank - 1] !== classes)
      throw new EarshotError(
        'MODEL_INVALID',
        `Model ${this.name}: output ${name} has shape [${d.join(', ')}], expected rank ${rank} with ${classes} classes`,
      );
    // a copy we own: activation works in place and callers keep results past the next run
    return Float32Array.from(t.data as Float32Array);
  }

  private activate(v: Float32Array, classes: number): void {
    const act = this.spec.applyActivation;
    if (act === 'sigmoid') for (let i = 0; i < v.length; i++) v[i] = 1 / (1 + Math.exp(-v[i]));
    else if (act === 'softmax') softmaxRows(v, classes);
  }
}

export function softmaxRows(v: Float32Array, width: number): void {
  for (let r = 0; r < v.length; r += width) {
    let max = -Infinity;
    for (let i = r; i < r + width; i++) if (v[i] > max) max = v[i];
    let sum = 0;
    for (let i = r; i < r + width; i++) {
      v[i] = Math.exp(v[i] - max);
      sum += v[i];
    }
    for (let i = r; i < r + width; i++) v[i] /= sum;
  }
}

function meanOverFrames(frame: Float32Array, batch: number, frames: number, classes: number): Float32Array {
  const clip = new Float32Array(batch * classes);
  for (let b = 0; b < batch; b++)
    for (let t = 0; t < frames; t++)
      for (let c = 0; c < classes; c++)
        clip[b * classes + c] += frame[(b * frames + t) * classes + c] / frames;
  return clip;
}
