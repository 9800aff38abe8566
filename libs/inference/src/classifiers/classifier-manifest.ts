import { EarshotError } from '@earshot/contracts';
import { FbankOptions, WINDOW_TYPES, WindowType } from '@earshot/features';
import { ModelManifest } from '../models/model-manifest';

/**
 * The `classifier` block of a model manifest (format "classifier"): everything a generic clip / frame classifier
 * over fbank needs, so AED, LID and SER models share one runtime. Example (models/aed-events/manifest.json):
 * { "input": "features", "layout": "NTF", "clipOutput": "clip_probs", "frameOutput": "frame_probs",
 *   "applyActivation": "none", "multiLabel": true, "frameStride": 4, "labels": [...],
 *   "fbank": { "lowFreq": 20, "highFreq": 0, ... }, "windowing": { "windowSeconds": 5, ... }, "thresholds": {...} }
 */
export type OutputActivation = 'none' | 'softmax' | 'sigmoid';
export type WindowAggregate = 'max' | 'mean';

export interface ClassifierWindowing {
  /** Longest piece fed to the model at once; longer audio is cut into windows (bounded memory per run). */
  windowSeconds: number;
  hopSeconds: number;
  /** Shorter audio is zero-padded to this length before features. */
  minSeconds: number;
  /** Audio (or a window) whose RMS is below this is "silence": no model call. */
  silenceRmsDbfs: number;
  /** How window scores combine into clip scores. */
  aggregate: WindowAggregate;
}

export interface ClassifierSpec {
  input: string;
  /** Only [N, T, F] (batch, frames, features) is supported. */
  layout: 'NTF';
  /** [N, C] output; optional when the model only has frame outputs (then clip = mean over frames). */
  clipOutput?: string;
  /** [N, T', C] output, T' = ceil(T / frameStride). */
  frameOutput?: string;
  /** What the runtime applies to the outputs: 'none' when the graph already emits probabilities. */
  applyActivation: OutputActivation;
  multiLabel: boolean;
  frameStride: number;
  labels: string[];
  fbank: Partial<FbankOptions>;
  windowing: ClassifierWindowing;
  /** Per-label decision thresholds (timeline segments, multi-label decisions); default 0.5. */
  thresholds: Record<string, number>;
  timeline: { mergeGapSeconds: number; minDurationSeconds: number };
  /** Frames in the moving average behind "frame scores" (max over time of the smoothed frame probability). */
  frameScoreSmoothing: number;
  /** Scores that decide per-label thresholds such as Cry: pooled clip scores or smoothed frame scores. */
  decisionScores: Record<string, 'clip' | 'frames'>;
}

const DEFAULT_WINDOWING: ClassifierWindowing = {
  windowSeconds: 5,
  hopSeconds: 2.5,
  minSeconds: 1,
  silenceRmsDbfs: -60,
  aggregate: 'max',
};

function num(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Validates the classifier block of an already schema-checked manifest; every problem in one typed error. */
export function parseClassifierSpec(manifest: ModelManifest): ClassifierSpec {
  const raw = (manifest as unknown as Record<string, unknown>).classifier as
    Record<string, unknown> | undefined;
  const problems: string[] = [];
  if (!raw || typeof raw !== 'object') {
    throw new EarshotError('MODEL_INVALID', `Model ${manifest.name}: manifest has no "classifier" block`);
  }
  const str = (k: string) => (typeof raw[k] === 'string' && raw[k] ? (raw[k] as string) : undefined);
  const input = str('input');
  if (!input) problems.push('classifier.input must be a tensor name');
  if ((raw.layout ?? 'NTF') !== 'NTF') problems.push('classifier.layout must be "NTF"');
  const clipOutput = str('clipOutput');
  const frameOutput = str('frameOutput');
  if (!clipOutput && !frameOutput) problems.push('classifier needs clipOutput or frameOutput');
  const act = (raw.applyActivation ?? 'none') as OutputActivation;
  if (!['none', 'softmax', 'sigmoid'].includes(act))
    problems.push('classifier.applyActivation must be none, softmax or sigmoid');
  const labels = raw.labels;
  if (!Array.isArray(labels) || labels.length === 0 || !labels.every((l) => typeof l === 'string' && l))
    problems.push('classifier.labels must be a non-empty array of strings');
  const frameStride = raw.frameStride ?? 1;
  if (!Number.isInteger(frameStride) || (frameStride as number) < 1)
    problems.push('classifier.frameStride must be a positive integer');
  const w = { ...DEFAULT_WINDOWING, ...((raw.windowing as object) ?? {}) } as ClassifierWindowing;
  if (!num(w.windowSeconds) || w.windowSeconds <= 0 || w.windowSeconds > 60)
    problems.push('windowing.windowSeconds must be in (0, 60]');
  if (!num(w.hopSeconds) || w.hopSeconds <= 0 || w.hopSeconds > w.windowSeconds)
    problems.push('windowing.hopSeconds must be in (0, windowSeconds]');
  if (!num(w.minSeconds) || w.minSeconds < 0.05 || w.minSeconds > w.windowSeconds)
    problems.push('windowing.minSeconds must be in [0.05, windowSeconds]');
  if (!num(w.silenceRmsDbfs)) problems.push('windowing.silenceRmsDbfs must be a number');
  if (w.aggregate !== 'max' && w.aggregate !== 'mean')
    problems.push('windowing.aggregate must be max or mean');
  const thresholds: Record<string, number> = {};
  for (const [k, v] of Object.entries((raw.thresholds as object) ?? {})) {
    if (!num(v) || v < 0 || v > 1) problems.push(`thresholds.${k} must be in [0, 1]`);
    else thresholds[k] = v;
  }
  const tl = { mergeGapSeconds: 0.2, minDurationSeconds: 0.1, ...((raw.timeline as object) ?? {}) };
  if (!num(tl.mergeGapSeconds) || !num(tl.minDurationSeconds))
    problems.push('timeline values must be numbers');
  const smoothing = raw.frameScoreSmoothing ?? 1;
  if (!Number.isInteger(smoothing) || (smoothing as number) < 1)
    problems.push('classifier.frameScoreSmoothing must be a positive integer');
  const decisionScores: Record<string, 'clip' | 'frames'> = {};
  const cry = raw.cry as { label?: unknown; score?: unknown } | undefined;
  if (cry && typeof cry === 'object' && typeof cry.label === 'string') {
    if (cry.score === 'frames' && !frameOutput)
      problems.push('classifier.cry.score "frames" needs a frameOutput');
    decisionScores[cry.label] = cry.score === 'frames' ? 'frames' : 'clip';
  }
  const fbank = parseFbank(raw.fbank, manifest, problems);
  if (problems.length) {
    throw new EarshotError(
      'MODEL_INVALID',
      `Model ${manifest.name}: invalid classifier block: ${problems.join('; ')}`,
    );
  }
  return {
    input: input as string,
    layout: 'NTF',
    clipOutput,
    frameOutput,
    applyActivation: act,
    multiLabel: raw.multiLabel === true,
    frameStride: frameStride as number,
    labels: labels as string[],
    fbank,
    windowing: w,
    thresholds,
    timeline: tl,
    frameScoreSmoothing: smoothing as number,
    decisionScores,
  };
}

function parseFbank(raw: unknown, manifest: ModelManifest, problems: string[]): Partial<FbankOptions> {
  const fe = manifest.frontend;
  if ((fe.dither ?? 0) !== 0) problems.push('frontend.dither must be 0 (the front-end is deterministic)');
  const window = (fe.window ?? 'hamming') as WindowType;
  if (!WINDOW_TYPES.includes(window))
    problems.push(`frontend.window must be one of ${WINDOW_TYPES.join(', ')}`);
  const r = (raw ?? {}) as Record<string, unknown>;
  const out: Partial<FbankOptions> = {
    sampleRate: fe.sampleRate,
    numMelBins: fe.featureDim,
    frameLengthMs: fe.frameLengthMs ?? 25,
    frameShiftMs: fe.frameShiftMs ?? 10,
    windowType: window,
  };
  const copy = ['lowFreq', 'highFreq', 'preemphCoeff', 'sampleScale'] as const;
  for (const k of copy) {
    if (r[k] === undefined) continue;
    if (!num(r[k])) problems.push(`classifier.fbank.${k} must be a number`);
    else out[k] = r[k] as number;
  }
  if (r.removeDcOffset !== undefined) out.removeDcOffset = r.removeDcOffset === true;
  if (r.snipEdges === false) problems.push('classifier.fbank.snipEdges=false is not supported');
  return out;
}

/** Threshold of a label: the manifest's, else 0.5. */
export function thresholdOf(spec: ClassifierSpec, label: string): number {
  return spec.thresholds[label] ?? 0.5;
}
