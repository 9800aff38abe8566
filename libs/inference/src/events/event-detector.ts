import { EarshotError } from '@earshot/contracts';
import { thresholdOf } from '../classifiers/classifier-manifest';
import { ClassifierModel } from '../classifiers/classifier.model';
import { WindowedClassifier, argmax } from '../classifiers/windowed-classifier';
import { EventSegment, EventTimeline } from './event-timeline';
import { smoothedMax } from './frame-score';
import { FrameTrack } from './frame-track';

export const SILENCE_LABEL = 'silence';

export interface EventDetection {
  /** Highest clip-level label, or "silence" when the audio is under the energy floor (no model call). */
  label: string;
  /** Clip-level score per label (max over windows); all 0 for silence. */
  scores: Record<string, number>;
  /** Per label, max over windows and time of the smoothed frame score (see frame-score.ts); all 0 for silence. */
  frameScores: Record<string, number>;
  silent: boolean;
  /** Merged frame runs above each label's threshold. */
  events: EventSegment[];
  durationSec: number;
  model: string;
}

export interface EventDetectorOptions {
  /** Labels never put on the timeline (default: "other"). */
  ignore?: readonly string[];
}

/**
 * Audio events over audio of any length: sliding windows (WindowedClassifier), frame scores averaged where windows
 * overlap and released as soon as no later window can touch them, merged into segments per label.
 */
export class EventDetector {
  readonly windowed: WindowedClassifier;
  private readonly thresholds: Float32Array;

  constructor(
    readonly model: ClassifierModel,
    private readonly opts: EventDetectorOptions = {},
  ) {
    if (!model.spec.frameOutput)
      throw new EarshotError(
        'MODEL_INVALID',
        `Model ${model.name} has no frame output; an event timeline needs one`,
      );
    this.windowed = new WindowedClassifier(model);
    this.thresholds = Float32Array.from(model.labels, (l) => thresholdOf(model.spec, l));
  }

  threshold(label: string): number {
    const i = this.model.labels.indexOf(label);
    if (i < 0) throw new EarshotError('MODEL_INVALID', `Model ${this.model.name} has no label ${label}`);
    return this.thresholds[i];
  }

  async detect(samples: Float32Array): Promise<EventDetection> {
    if (!(samples instanceof Float32Array))
      throw new EarshotError('INVALID_ARGUMENT', 'samples must be a Float32Array', 'samples');
    const labels = this.model.labels;
    const classes = labels.length;
    const durationSec = samples.length / this.windowed.sampleRate;
    const base = { durationSec, model: this.model.name };
    if (samples.length === 0 || this.windowed.isSilent(samples)) {
      const zero = toRecord(labels, new Float32Array(classes));
      return { label: SILENCE_LABEL, scores: zero, frameScores: zero, silent: true, events: [], ...base };
    }
    const frameSec = this.windowed.frameSeconds;
    const gridSamples = frameSec * this.windowed.sampleRate;
    const timeline = new EventTimeline({
      labels,
      thresholds: this.thresholds,
      frameSeconds: frameSec,
      mergeGapSeconds: this.model.spec.timeline.mergeGapSeconds,
      minDurationSeconds: this.model.spec.timeline.minDurationSeconds,
      ignore: this.opts.ignore ?? ['other'],
    });
    const track = new FrameTrack(classes);
    const push = (i: number, s: Float32Array) => timeline.push(i, s);
    const scores = new Float32Array(classes);
    const frameScores = new Float32Array(classes);
    const windowFrameScores = new Float32Array(classes);
    const k = this.model.spec.frameScoreSmoothing;
    let used = 0;
    for await (const w of this.windowed.windows(samples)) {
      const first = Math.round(w.window.start / gridSamples);
      // nothing before this window's first frame can change any more
      track.release(push, first);
      if (w.silent || !w.frames) continue;
      used++;
      for (let c = 0; c < classes; c++) scores[c] = Math.max(scores[c], w.clip[c]);
      smoothedMax(w.frames, w.frameCount, classes, k, windowFrameScores);
      for (let c = 0; c < classes; c++) frameScores[c] = Math.max(frameScores[c], windowFrameScores[c]);
      track.add(first, w.frames, w.frameCount);
    }
    track.release(push);
    if (used === 0) {
      const zero = toRecord(labels, scores);
      return { label: SILENCE_LABEL, scores: zero, frameScores: zero, silent: true, events: [], ...base };
    }
    return {
      label: labels[argmax(scores)],
      scores: toRecord(labels, scores),
      frameScores: toRecord(labels, frameScores),
      silent: false,
      events: timeline.finish(durationSec),
      ...base,
    };
  }
}

export function toRecord(labels: readonly string[], v: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = {};
  labels.forEach((l, i) => (out[l] = v[i]));
  return out;
}
