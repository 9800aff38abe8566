import {
  AedJobResult,
  AsrResult,
  AudioEvent,
  LabelScore,
  LabelledSegment,
  MissingTask,
  RichLabel,
  RichSegment,
  RichTranscript,
  SegmentClassifyResult,
  SILENCE_LABEL,
  UnderstandTask,
} from '@earshot/contracts';
import { writtenWords } from './written-words';

export interface MergeInput {
  /** The ITN step's result (written form) when it ran, else the ASR job's (spoken form). */
  asr: AsrResult;
  /** Whether `asr` is the written form. */
  itn: boolean;
  lid?: SegmentClassifyResult;
  ser?: SegmentClassifyResult;
  aed?: AedJobResult;
  missing: MissingTask[];
}

/**
 * Builds the rich transcript: ASR gives the segments and text; the dedicated classifiers (when they ran) override
 * the ASR model's own language and emotion tags, weighted by how much of each segment their windows cover; AED
 * events are attached to the segments they overlap.
 */
export function mergeTranscript(input: MergeInput): RichTranscript {
  const { asr, lid, ser, aed } = input;
  const audioEvents = aed ? [...aed.events].sort((a, b) => a.start - b.start) : [];
  const segments: RichSegment[] = asr.segments.map((s) => ({
    start: s.start,
    end: s.end,
    text: s.text,
    text_spoken: s.textSpoken,
    language:
      (lid && fromWindows(lid.segments, s.start, s.end, 'lid', (l) => l)) ?? fromAsr(s.language, (l) => l),
    emotion:
      (ser && fromWindows(ser.segments, s.start, s.end, 'ser', emotionLabel)) ??
      fromAsr(s.emotion, emotionLabel),
    events: aed
      ? audioEvents.filter((e) => e.start < s.end && e.end > s.start)
      : asrEvent(s.event, s.start, s.end),
    tokens: s.tokens.map((t) => ({ text: t.text, start: t.start, id: t.id })),
    words: writtenWords(s),
  }));
  const models: Partial<Record<UnderstandTask, string>> = { asr: asr.model.name };
  if (lid) models.lid = lid.model;
  if (ser) models.ser = ser.model;
  if (aed) models.aed = aed.model;
  return {
    language: majority(segments, (s) => s.language?.label) ?? (lid ? wholeClip(lid.segments) : asr.language),
    emotion:
      majority(segments, (s) => s.emotion?.label) ??
      (ser ? wholeClip(ser.segments, emotionLabel) : asr.emotion && emotionLabel(asr.emotion)),
    events: distinct(aed ? audioEvents.map((e) => e.label) : asr.events),
    text: asr.text,
    text_spoken: asr.textSpoken,
    duration: asr.duration,
    itn: input.itn,
    segments,
    audio_events: audioEvents,
    models,
    missing: input.missing,
  };
}

/** SenseVoice writes emotions in capitals (the tag vocabulary); the SER model's labels are lower case. */
function emotionLabel(label: string): string {
  return label.toUpperCase();
}

function fromAsr(l: LabelScore | null, norm: (s: string) => string): RichLabel | null {
  if (!l) return null;
  return {
    label: norm(l.label),
    score: l.score,
    ...(l.scores ? { scores: rekey(l.scores, norm) } : {}),
    source: 'asr',
  };
}

/** Overlap-weighted mean of the classifier's per-window probabilities; null when only silence overlaps. */
function fromWindows(
  windows: LabelledSegment[],
  start: number,
  end: number,
  source: 'lid' | 'ser',
  norm: (s: string) => string,
): RichLabel | null {
  const sums: Record<string, number> = {};
  let total = 0;
  for (const w of windows) {
    if (w.label === SILENCE_LABEL) continue;
    // A zero-length ASR segment still belongs to the window around it.
    const overlap =
      end > start
        ? Math.min(end, w.end) - Math.max(start, w.start)
        : w.start <= start && start <= w.end
          ? 1
          : 0;
    if (overlap <= 0) continue;
    total += overlap;
    for (const [k, v] of Object.entries(w.scores)) sums[norm(k)] = (sums[norm(k)] ?? 0) + v * overlap;
  }
  if (total === 0) return null;
  let best = '';
  let bestScore = -1;
  for (const k of Object.keys(sums)) {
    // The classifiers report 4 decimals; the weighted mean should not add float noise past them.
    sums[k] = Math.round((sums[k] / total) * 1e4) / 1e4;
    if (sums[k] > bestScore) [best, bestScore] = [k, sums[k]];
  }
  return { label: best, score: bestScore, scores: sums, source };
}

function wholeClip(windows: LabelledSegment[], norm: (s: string) => string = (s) => s): string | null {
  const speech = windows.filter((w) => w.label !== SILENCE_LABEL);
  if (speech.length === 0) return null;
  const end = Math.max(...speech.map((w) => w.end));
  const start = Math.min(...speech.map((w) => w.start));
  return fromWindows(speech, start, end, 'lid', norm)?.label ?? null;
}

function asrEvent(e: LabelScore | null, start: number, end: number): AudioEvent[] {
  return e ? [{ label: e.label, score: e.score, start, end }] : [];
}

function rekey(scores: Record<string, number>, norm: (s: string) => string): Record<string, number> {
  return Object.fromEntries(Object.entries(scores).map(([k, v]) => [norm(k), v]));
}

/** The label covering the most speech time. */
function majority(segments: RichSegment[], pick: (s: RichSegment) => string | undefined): string | null {
  const time = new Map<string, number>();
  for (const s of segments) {
    const label = pick(s);
    if (label) time.set(label, (time.get(label) ?? 0) + Math.max(s.end - s.start, 1e-3));
  }
  let best: string | null = null;
  let bestTime = 0;
  for (const [label, t] of time) if (t > bestTime) [best, bestTime] = [label, t];
  return best;
}

function distinct(labels: string[]): string[] {
  return [...new Set(labels)];
}
