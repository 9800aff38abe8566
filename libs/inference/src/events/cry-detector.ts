import { ClassifierLoadOptions, ClassifierModel } from '../classifiers/classifier.model';
import { EventDetector } from './event-detector';

export const CRY_LABEL = 'Cry';

export interface CrySegment {
  start: number;
  end: number;
  score: number;
}

/** The cry-detection answer (issue 5): the shape the CLI, the worker and the gateway return. */
export interface CryDetection {
  crying: boolean;
  /** Calibrated cry score in [0, 1]: as the manifest says (aed-events: max over time of the 1 s moving average of
   * the Cry frame probability), the same score the threshold was chosen on. */
  score: number;
  /** crying = score >= threshold; chosen on val for <= 1 % false alarms (see the model card). */
  threshold: number;
  segments: CrySegment[];
  model: string;
}

/**
 * Baby-cry detection on top of the event detector. Audio under the energy floor answers crying=false with no
 * model call. Segments are the Cry runs of the timeline, reported only when the clip is judged crying.
 */
export class CryDetector {
  readonly threshold: number;
  private readonly fromFrames: boolean;

  constructor(readonly events: EventDetector) {
    this.threshold = events.threshold(CRY_LABEL);
    this.fromFrames = events.model.spec.decisionScores[CRY_LABEL] === 'frames';
  }

  static async load(dir: string, opts: ClassifierLoadOptions = {}): Promise<CryDetector> {
    const model = await ClassifierModel.load(dir, opts);
    try {
      return new CryDetector(new EventDetector(model));
    } catch (err) {
      await model.close();
      throw err;
    }
  }

  get modelName(): string {
    return this.events.model.name;
  }

  async detect(samples: Float32Array): Promise<CryDetection> {
    const r = await this.events.detect(samples);
    const score = (this.fromFrames ? r.frameScores[CRY_LABEL] : r.scores[CRY_LABEL]) ?? 0;
    const crying = score >= this.threshold;
    let segments: CrySegment[] = [];
    if (crying) {
      segments = r.events
        .filter((e) => e.label === CRY_LABEL)
        .map(({ start, end, score: s }) => ({ start, end, score: round4(s) }));
      // frames average across overlapping windows, so a clip can pass while no single frame run does
      if (segments.length === 0) segments = [{ start: 0, end: round3(r.durationSec), score: round4(score) }];
    }
    // decided on the raw score; reported rounded
    return { crying, score: round4(score), threshold: this.threshold, segments, model: r.model };
  }

  close(): Promise<void> {
    return this.events.model.close();
  }
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
function round3(x: number): number {
  return Math.round(x * 1e3) / 1e3;
}
