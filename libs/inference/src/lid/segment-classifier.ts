import { EarshotError, LabelledSegment, SILENCE_LABEL, TimeRange } from '@earshot/contracts';
import { ClassifierLoadOptions, ClassifierModel } from '../classifiers/classifier.model';
import { WindowedClassifier, argmax } from '../classifiers/windowed-classifier';

/** Longest single segment (seconds): longer ranges would only be windowed anyway; this bounds one job's work. */
export const MAX_SEGMENT_SECONDS = 600;

/** Sample range [start, end) of one segment, with its position in seconds as the caller gave it. */
export interface SegmentSpan {
  start: number;
  end: number;
  from: number;
  to: number;
}

/**
 * Caller ranges (seconds) → sample spans inside `totalSamples`. No ranges: one span over everything. Ranges must be
 * finite with 0 ≤ start < end; ends past the audio are clipped (the audio store rounds durations), ranges that start
 * past the end are an error (the caller referenced audio that is not there).
 */
export function segmentSpans(totalSamples: number, sampleRate: number, ranges?: TimeRange[]): SegmentSpan[] {
  const dur = totalSamples / sampleRate;
  if (ranges === undefined) return [{ start: 0, end: dur, from: 0, to: totalSamples }];
  if (!Array.isArray(ranges))
    throw new EarshotError('INVALID_ARGUMENT', 'ranges must be an array of {start, end}', 'ranges');
  if (ranges.length === 0)
    throw new EarshotError(
      'INVALID_ARGUMENT',
      'ranges must not be empty (omit it for the whole audio)',
      'ranges',
    );
  if (ranges.length > 10_000)
    throw new EarshotError('INVALID_ARGUMENT', 'ranges holds more than 10000 segments', 'ranges');
  return ranges.map((r, i) => {
    const ok =
      r &&
      typeof r === 'object' &&
      Number.isFinite(r.start) &&
      Number.isFinite(r.end) &&
      r.start >= 0 &&
      r.end > r.start;
    if (!ok)
      throw new EarshotError(
        'INVALID_ARGUMENT',
        `ranges[${i}] must have finite 0 ≤ start < end (seconds)`,
        'ranges',
      );
    if (r.end - r.start > MAX_SEGMENT_SECONDS)
      throw new EarshotError(
        'INVALID_ARGUMENT',
        `ranges[${i}] is longer than ${MAX_SEGMENT_SECONDS} s`,
        'ranges',
      );
    const from = Math.round(r.start * sampleRate);
    if (from >= totalSamples)
      throw new EarshotError(
        'INVALID_ARGUMENT',
        `ranges[${i}] starts at ${r.start} s, past the end of the audio (${dur} s)`,
        'ranges',
      );
    const to = Math.min(totalSamples, Math.round(r.end * sampleRate));
    return { start: r.start, end: Math.min(r.end, dur), from, to };
  });
}

/** Rounds to 4 decimals: enough for probabilities in JSON, and stable across runs. */
function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

/**
 * A "classifier"-format clip model (LID, SER) applied per segment: the windowed runtime scores each segment, the
 * result names every label. Loaded once and warmed (first ONNX runs allocate) before any job.
 */
export class SegmentClassifier {
  private constructor(
    readonly classifier: WindowedClassifier,
    private readonly model: ClassifierModel,
  ) {}

  static async load(dir: string, opts: ClassifierLoadOptions = {}): Promise<SegmentClassifier> {
    const model = await ClassifierModel.load(dir, opts);
    if (model.spec.multiLabel) {
      await model.close();
      throw new EarshotError(
        'MODEL_INVALID',
        `Model ${model.name} is multi-label; LID/SER need one label per clip`,
      );
    }
    const sc = new SegmentClassifier(new WindowedClassifier(model), model);
    await sc.warm();
    return sc;
  }

  get name(): string {
    return this.model.name;
  }

  get labels(): string[] {
    return [...this.model.labels];
  }

  get sampleRate(): number {
    return this.classifier.sampleRate;
  }

  /** Two runs on a synthetic voiced signal: sizes the session's buffers before the first real job. */
  async warm(): Promise<void> {
    const x = new Float32Array(this.sampleRate * 2);
    for (let i = 0; i < x.length; i++)
      x[i] = 0.1 * Math.sin((2 * Math.PI * 180 * i) / this.sampleRate) * (1 + Math.sin(i / 800));
    await this.classifier.classify(x);
    await this.classifier.classify(x.subarray(0, this.sampleRate));
  }

  /** Scores one piece of audio (any length; silence gives the "silence" label and zero scores). */
  async classify(samples: Float32Array): Promise<{ label: string; scores: Record<string, number> }> {
    for (let i = 0; i < samples.length; i++)
      if (!Number.isFinite(samples[i]))
        throw new EarshotError('AUDIO_BAD_SAMPLES', 'Audio samples contain NaN or infinite values', 'audio');
    const r = await this.classifier.classify(samples);
    const scores: Record<string, number> = {};
    this.model.labels.forEach((l, i) => (scores[l] = round4(r.scores[i])));
    return { label: r.silent ? SILENCE_LABEL : this.model.labels[argmax(r.scores)], scores };
  }

  /** Per segment of in-memory `samples` (the whole audio, or the given ranges in seconds): CLI and embedded mode. */
  async classifySegments(samples: Float32Array, ranges?: TimeRange[]): Promise<LabelledSegment[]> {
    const out: LabelledSegment[] = [];
    for (const s of segmentSpans(samples.length, this.sampleRate, ranges)) {
      const r = await this.classify(samples.subarray(s.from, s.to));
      out.push({ start: round4(s.start), end: round4(s.end), ...r });
    }
    return out;
  }

  async close(): Promise<void> {
    await this.model.close();
  }
}
