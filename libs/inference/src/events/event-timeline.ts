/** One event on the timeline, seconds from the start of the audio; score = the highest frame score inside it. */
export interface EventSegment {
  label: string;
  start: number;
  end: number;
  score: number;
}

export interface TimelineOptions {
  labels: readonly string[];
  /** Per label index: a frame is "on" when its score is >= this. */
  thresholds: ArrayLike<number>;
  frameSeconds: number;
  /** Two runs of one label separated by at most this much "off" time become one segment. */
  mergeGapSeconds: number;
  /** Segments shorter than this are dropped. */
  minDurationSeconds: number;
  /** Labels that never make segments (e.g. a catch-all "other"). */
  ignore?: readonly string[];
}

interface Open {
  first: number;
  last: number;
  score: number;
}

/**
 * Merges per-frame scores into segments, one frame at a time, so memory does not grow with the audio: each
 * label keeps at most one open run. Frames must be pushed in order (index = position on the frame grid).
 */
export class EventTimeline {
  private readonly open: Array<Open | null>;
  private readonly gapFrames: number;
  private readonly active: boolean[];
  private readonly done: EventSegment[] = [];
  private nextFrame = 0;

  constructor(private readonly o: TimelineOptions) {
    this.open = o.labels.map(() => null);
    this.gapFrames = Math.max(0, Math.floor(o.mergeGapSeconds / o.frameSeconds + 1e-9));
    this.active = o.labels.map((l) => !(o.ignore ?? []).includes(l));
  }

  /** Scores of frame `index` (one per label). Frames not pushed count as "off". */
  push(index: number, scores: ArrayLike<number>): void {
    if (index < this.nextFrame)
      throw new RangeError(`frame ${index} pushed after frame ${this.nextFrame - 1}`);
    this.nextFrame = index + 1;
    for (let c = 0; c < this.o.labels.length; c++) {
      if (!this.active[c]) continue;
      const run = this.open[c];
      if (run && index - run.last - 1 > this.gapFrames) this.close(c);
      if (scores[c] < this.o.thresholds[c]) continue;
      const cur = this.open[c];
      if (cur) {
        cur.last = index;
        cur.score = Math.max(cur.score, scores[c]);
      } else this.open[c] = { first: index, last: index, score: scores[c] };
    }
  }

  /** Closes every open run and returns all segments, ordered by start then label order. */
  finish(endSeconds?: number): EventSegment[] {
    for (let c = 0; c < this.o.labels.length; c++) if (this.open[c]) this.close(c);
    const out = this.done
      .map((s) => (endSeconds !== undefined ? { ...s, end: Math.min(s.end, endSeconds) } : s))
      .filter((s) => s.end - s.start >= this.o.minDurationSeconds - 1e-9);
    return out.sort(
      (a, b) => a.start - b.start || this.o.labels.indexOf(a.label) - this.o.labels.indexOf(b.label),
    );
  }

  private close(c: number): void {
    const run = this.open[c] as Open;
    this.open[c] = null;
    const f = this.o.frameSeconds;
    this.done.push({
      label: this.o.labels[c],
      start: round(run.first * f),
      end: round((run.last + 1) * f),
      score: run.score,
    });
  }
}

/** Whole-matrix convenience: frames [T, C] row-major. */
export function buildTimeline(
  frames: Float32Array,
  count: number,
  o: TimelineOptions,
  endSeconds?: number,
): EventSegment[] {
  const t = new EventTimeline(o);
  const c = o.labels.length;
  for (let i = 0; i < count; i++) t.push(i, frames.subarray(i * c, (i + 1) * c));
  return t.finish(endSeconds);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
