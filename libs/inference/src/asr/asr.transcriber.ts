import { AsrModelInfo, AsrOptions, AsrResult, AsrSegment, JobProgress, joinSegmentTexts, LabelScore } from '@earshot/contracts';
import { richTranscriptionPostprocess } from '../sensevoice/rich-postprocess';
import { SenseVoiceRecognizer, TagGuess, UtteranceResult } from '../sensevoice/sensevoice.recognizer';
import { AudioSegmenter, EnergySegmenter, SampleRange } from './audio-segmenter';

/** Progress as the audio goes through: after segmentation, then after each decoded batch, then once at the end. */
export type AsrProgressListener = (p: JobProgress) => void;

export interface AsrTranscriberOptions {
  segmenter?: AudioSegmenter;
  sampleRate?: number;
}

/**
 * Whole-audio ASR: segments (≤ 30 s), runs them through the recognizer (pipelined, two batches alive at a time,
 * so memory stays bounded on hours of audio), shifts token times to the audio's timeline, and builds the ASR part of the rich transcript.
 *
 * ITN policy: `itn: true` asks the model for written form (the withitn query); `model.itn` says whether it gave it.
 * Rule-based ITN is the flow's own step (the ITN worker), which rewrites what the model left in spoken form.
 */
export class AsrTranscriber {
  private readonly segmenter: AudioSegmenter;
  private readonly rate: number;

  constructor(
    readonly recognizer: SenseVoiceRecognizer,
    readonly model: Omit<AsrModelInfo, 'itn'>,
    private readonly opts: AsrTranscriberOptions = {},
  ) {
    this.segmenter = opts.segmenter ?? new EnergySegmenter();
    this.rate = opts.sampleRate ?? 16000;
  }

  async transcribe(samples: Float32Array, options: AsrOptions = {}, onProgress?: AsrProgressListener): Promise<AsrResult> {
    onProgress?.({ stage: 'segmenting', done_sec: 0, total_sec: 0 });
    const ranges = await this.segmenter.segment(samples);
    return this.transcribeRanges(samples, ranges, options, onProgress);
  }

  async transcribeRanges(
    samples: Float32Array,
    ranges: readonly SampleRange[],
    options: AsrOptions = {},
    onProgress?: AsrProgressListener,
  ): Promise<AsrResult> {
    const useItn = options.itn ?? false;
    const segments: AsrSegment[] = [];
    let modelItn = false;
    const seconds = (r: SampleRange) => (r.end - r.start) / this.rate;
    const total = round(ranges.reduce((sum, r) => sum + seconds(r), 0));
    let done = 0;
    onProgress?.({ stage: 'transcribing', done_sec: 0, total_sec: total });
    // one call: the recognizer pipelines features, inference and decoding, holding two batches at a time
    const results = await this.recognizer.recognize(
      ranges.map((r) => samples.subarray(r.start, r.end)),
      {
        language: options.language ?? 'auto',
        useItn,
        onBatch: onProgress
          ? (batch) => {
              for (const k of batch) done += seconds(ranges[k]);
              onProgress({ stage: 'transcribing', done_sec: Math.min(total, round(done)), total_sec: total });
            }
          : undefined,
      },
    );
    onProgress?.({ stage: 'done', done_sec: total, total_sec: total });
    results.forEach((r, k) => {
      const seg = this.toSegment(r, ranges[k]);
      if (useItn && r.itn?.label === 'withitn') modelItn = true;
      segments.push(seg);
    });
    return this.assemble(segments, samples.length / this.rate, modelItn ? 'model' : 'none');
  }

  private toSegment(r: UtteranceResult, range: SampleRange): AsrSegment {
    const offset = range.start / this.rate;
    const tokens = this.recognizer.model.tokens;
    return {
      start: round(offset),
      end: round(range.end / this.rate),
      text: r.text,
      textSpoken: r.text,
      language: label(r.language),
      emotion: label(r.emotion),
      event: label(r.event),
      tokens: r.tokens.map((t) => ({ text: tokens.display(t.id), start: round(offset + t.start), id: t.id })),
      tagged: r.tagged,
    };
  }

  private assemble(segments: AsrSegment[], duration: number, itn: AsrModelInfo['itn']): AsrResult {
    const withText = segments.filter((s) => s.text.length > 0);
    const joinText = (pick: (s: AsrSegment) => string) => joinSegmentTexts(withText.map(pick));
    const events: string[] = [];
    for (const s of segments) if (s.event && !events.includes(s.event.label)) events.push(s.event.label);
    return {
      text: joinText((s) => s.text),
      textSpoken: joinText((s) => s.textSpoken),
      language: majority(segments, (s) => (s.language && s.language.label !== 'nospeech' ? s.language.label : null)),
      emotion: majority(segments, (s) => s.emotion?.label ?? null),
      events,
      duration: round(duration),
      segments,
      model: { ...this.model, itn },
      // FunASR joins per-segment raw texts with " " before post-processing (auto_model.inference_with_vad)
      rich: richTranscriptionPostprocess(segments.map((s) => s.tagged).join(' ')),
    };
  }
}

function label(t: TagGuess | undefined): LabelScore | null {
  return t ? { label: t.label, score: round(t.score, 4), scores: roundAll(t.scores) } : null;
}

/** Label covering the most audio time. */
function majority(segments: AsrSegment[], pick: (s: AsrSegment) => string | null): string | null {
  const time = new Map<string, number>();
  for (const s of segments) {
    const l = pick(s);
    if (l) time.set(l, (time.get(l) ?? 0) + (s.end - s.start));
  }
  let best: string | null = null;
  let bestTime = -1;
  for (const [l, t] of time) if (t > bestTime) [best, bestTime] = [l, t];
  return best;
}

function round(v: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function roundAll(m: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(m)) out[k] = round(v, 4);
  return out;
}
