import { EarshotError } from '@earshot/contracts';
import { ClassifierModel } from './classifier.model';
import { SampleWindow, planWindows, rmsDbfs } from './windowing';

/** Scores of one window; `frames` is [frameCount, classes] on the model's output grid, when it has frame outputs. */
export interface WindowScores {
  window: SampleWindow;
  silent: boolean;
  clip: Float32Array;
  frames?: Float32Array;
  frameCount: number;
}

export interface ClipScores {
  /** Under the energy floor: no model call was made and every score is 0. */
  silent: boolean;
  /** Per label, aggregated over windows (max or mean, from the manifest). */
  scores: Float32Array;
  windows: number;
  durationSec: number;
}

/**
 * Runs a classifier over audio of any length, one window at a time (features and outputs for one window only are
 * alive at once), skipping windows under the energy floor. Audio shorter than `minSeconds` is zero-padded.
 */
export class WindowedClassifier {
  readonly sampleRate: number;
  private readonly minSamples: number;
  private readonly plan: { windowSamples: number; hopSamples: number; alignSamples: number };

  constructor(readonly model: ClassifierModel) {
    const o = model.fbank.options;
    const w = model.spec.windowing;
    this.sampleRate = o.sampleRate;
    const grid = o.windowShift * model.spec.frameStride;
    this.minSamples = Math.max(o.windowSize, Math.round(w.minSeconds * o.sampleRate));
    this.plan = {
      windowSamples: Math.round(w.windowSeconds * o.sampleRate),
      // hops on the output grid keep every window's frames on one global timeline
      hopSamples: Math.max(grid, Math.round((w.hopSeconds * o.sampleRate) / grid) * grid),
      alignSamples: grid,
    };
  }

  /** Output frames of the model, in seconds. */
  get frameSeconds(): number {
    return (this.model.fbank.options.windowShift * this.model.spec.frameStride) / this.sampleRate;
  }

  /** Whole audio under the silence floor (the caller can skip everything). */
  isSilent(samples: Float32Array): boolean {
    return rmsDbfs(samples) < this.model.spec.windowing.silenceRmsDbfs;
  }

  padded(samples: Float32Array): Float32Array {
    if (samples.length >= this.minSamples) return samples;
    const out = new Float32Array(this.minSamples);
    out.set(samples);
    return out;
  }

  async *windows(samples: Float32Array): AsyncGenerator<WindowScores> {
    const x = this.padded(samples);
    const classes = this.model.labels.length;
    const floor = this.model.spec.windowing.silenceRmsDbfs;
    const fbank = this.model.fbank;
    for (const window of planWindows(x.length, this.plan)) {
      if (rmsDbfs(x, window.start, window.end) < floor) {
        yield { window, silent: true, clip: new Float32Array(classes), frameCount: 0 };
        continue;
      }
      const frames = fbank.numFrames(window.end - window.start);
      const feats = new Float32Array(frames * fbank.dim);
      fbank.computeFrames(x, window.start, frames, feats, 0);
      const out = await this.model.run(feats, 1, frames);
      yield { window, silent: false, clip: out.clip, frames: out.frame, frameCount: out.frames };
    }
  }

  async classify(samples: Float32Array): Promise<ClipScores> {
    if (!(samples instanceof Float32Array))
      throw new EarshotError('INVALID_ARGUMENT', 'samples must be a Float32Array', 'samples');
    const classes = this.model.labels.length;
    const scores = new Float32Array(classes);
    const durationSec = samples.length / this.sampleRate;
    if (samples.length === 0 || this.isSilent(samples))
      return { silent: true, scores, windows: 0, durationSec };
    const mean = this.model.spec.windowing.aggregate === 'mean';
    let used = 0;
    for await (const w of this.windows(samples)) {
      if (w.silent) continue;
      used++;
      for (let c = 0; c < classes; c++)
        scores[c] = mean ? scores[c] + w.clip[c] : Math.max(scores[c], w.clip[c]);
    }
    if (mean && used > 0) for (let c = 0; c < classes; c++) scores[c] /= used;
    return { silent: used === 0, scores, windows: used, durationSec };
  }
}

/** Index of the largest score. */
export function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
  return best;
}
