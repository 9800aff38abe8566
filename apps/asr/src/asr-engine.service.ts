import { Injectable, Logger, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import { AsrOptions, AsrResult, EarshotError, TimeRange } from '@earshot/contracts';
import { AsrProgressListener, AsrTranscriber, AudioSegmenter, EnergySegmenter, loadAsrModel, LoadedAsrModel, SampleRange, SenseVoiceRecognizer, VadSegmenter } from '@earshot/inference';
import { HealthRegistry, MetricsService, timeModelRun } from '@earshot/platform';
import { AsrConfig } from './asr.config';

const RATE = 16000;
const MAX_RANGE_SEC = 30;

/** The loaded, warmed model and the transcriber around it; one per process, shared by concurrent jobs. */
@Injectable()
export class AsrEngine implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(AsrEngine.name);
  private loaded?: LoadedAsrModel;
  private transcriber?: AsrTranscriber;
  /** Cuts ranges longer than 30 s. */
  private segmenter: EnergySegmenter;
  private vad?: VadSegmenter;

  constructor(
    private readonly config: AsrConfig,
    @Optional() private readonly metrics?: MetricsService,
    @Optional() private readonly health?: HealthRegistry,
  ) {
    this.segmenter = new EnergySegmenter({ maxSegmentSec: config.maxSegmentSec });
  }

  onModuleInit(): void {
    this.health?.register({ name: 'model', check: async () => ({ ok: this.ready, detail: this.modelName ?? 'loading' }) });
  }

  get ready(): boolean {
    return this.transcriber !== undefined;
  }

  get modelName(): string | undefined {
    return this.loaded?.pkg.name;
  }

  async load(): Promise<void> {
    const started = Date.now();
    this.loaded = await loadAsrModel(this.config.modelsDir, {
      model: this.config.model,
      intraOpThreads: this.config.ortIntraOpThreads,
      maxInFlight: this.config.concurrency,
    });
    const { pkg, model } = this.loaded;
    if (this.config.segmenter === 'vad')
      this.vad = await VadSegmenter.load({ maxSegmentSec: this.config.maxSegmentSec, intraOpThreads: this.config.ortIntraOpThreads });
    const whole: AudioSegmenter = this.vad ?? this.segmenter;
    this.transcriber = new AsrTranscriber(
      new SenseVoiceRecognizer(model, { maxBatch: this.config.maxBatch }),
      { name: pkg.name, format: pkg.manifest.format },
      { segmenter: whole },
    );
    this.logger.log(`model ${pkg.name} (${model.flavour}) loaded and warmed in ${Date.now() - started} ms`);
  }

  async transcribe(
    samples: Float32Array,
    options: AsrOptions,
    ranges?: TimeRange[],
    onProgress?: AsrProgressListener,
  ): Promise<AsrResult> {
    const transcriber = this.transcriber;
    if (!transcriber || !this.loaded) throw new EarshotError('DEPENDENCY_UNAVAILABLE', 'The ASR model is not loaded yet');
    const pieces = ranges && this.toSampleRanges(samples, ranges);
    return timeModelRun(this.metrics, 'asr', this.loaded.pkg.name, () =>
      pieces
        ? transcriber.transcribeRanges(samples, pieces, options, onProgress)
        : transcriber.transcribe(samples, options, onProgress),
    );
  }

  /** Caller ranges in seconds → sample ranges; ones over the 30 s limit are cut by the segmenter. */
  private toSampleRanges(samples: Float32Array, ranges: TimeRange[]): SampleRange[] {
    const out: SampleRange[] = [];
    for (const [i, r] of ranges.entries()) {
      if (!Number.isFinite(r?.start) || !Number.isFinite(r?.end) || r.start < 0 || r.end <= r.start)
        throw new EarshotError('INVALID_ARGUMENT', `ranges[${i}] must have 0 ≤ start < end (seconds)`, 'ranges');
      const start = Math.min(samples.length, Math.round(r.start * RATE));
      const end = Math.min(samples.length, Math.round(r.end * RATE));
      if (end <= start) continue;
      if (end - start <= MAX_RANGE_SEC * RATE) out.push({ start, end });
      else for (const p of this.segmenter.segment(samples.subarray(start, end))) out.push({ start: start + p.start, end: start + p.end });
    }
    return out;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loaded?.model.close();
    await this.vad?.close();
  }
}
