import {
  assertAudioRef,
  AudioRef,
  EarshotError,
  LabelledSegment,
  SegmentClassifyJobData,
  SegmentClassifyResult,
} from '@earshot/contracts';
import { SegmentClassifier, segmentSpans } from './segment-classifier';

/** Checks an `earshot.lid.v1` / `earshot.ser.v1` payload; bad input is a non-retryable INVALID_ARGUMENT. */
export function validateSegmentJob(d: SegmentClassifyJobData, kind: string): void {
  if (!d || typeof d !== 'object')
    throw new EarshotError('INVALID_ARGUMENT', `${kind} job data must be an object`, 'data');
  assertAudioRef(d.audio, kind);
  if (d.ranges !== undefined && !Array.isArray(d.ranges))
    throw new EarshotError('INVALID_ARGUMENT', 'ranges must be an array of {start, end}', 'ranges');
}

/** Reads samples [from, to) of the referenced audio (the audio store, in workers). */
export type SampleReader = (ref: AudioRef, from: number, to: number) => Promise<Float32Array>;

/** Wraps each model call (the worker times it for /metrics); the default just runs it. */
export type ModelRunTimer = <T>(run: () => Promise<T>) => Promise<T>;

/**
 * One job: each segment is read from the store on its own (a long recording is never held whole for a few short
 * ranges) and scored. The store's NOT_FOUND (expired audio) passes through as it is.
 */
export async function runSegmentJob(
  classifier: SegmentClassifier,
  data: SegmentClassifyJobData,
  read: SampleReader,
  kind: string,
  timeRun: ModelRunTimer = (run) => run(),
): Promise<SegmentClassifyResult> {
  validateSegmentJob(data, kind);
  const ref = data.audio;
  if (ref.samples === 0) throw new EarshotError('AUDIO_EMPTY', `Audio ${ref.key} has no samples`, 'audio');
  const segments: LabelledSegment[] = [];
  for (const span of segmentSpans(ref.samples, ref.sampleRate, data.ranges)) {
    const samples = await read(ref, span.from, span.to);
    if (samples.length === 0)
      throw new EarshotError(
        'AUDIO_EMPTY',
        `Audio ${ref.key} has no samples in [${span.start}, ${span.end}) s`,
        'audio',
      );
    const r = await timeRun(() => classifier.classify(samples));
    segments.push({ start: round4(span.start), end: round4(span.end), label: r.label, scores: r.scores });
  }
  return { segments, model: classifier.name, labels: classifier.labels };
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
