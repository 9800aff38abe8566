import { join } from 'node:path';
import { Injectable, Logger, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import {
  AedJobResult,
  assertAudioRef,
  AudioRef,
  CryResult,
  EarshotError,
  TimeRange,
} from '@earshot/contracts';
import { CryDetector } from '@earshot/inference';
import { HealthRegistry, MetricsService, timeModelRun } from '@earshot/platform';
import { AedConfig } from './aed.config';

const RATE = 16000;

/** Validates an audio reference from a job; bad payloads fail at once, never retried. */
export function checkAudioRef(ref: AudioRef | undefined): AudioRef {
  assertAudioRef(ref, 'AED');
  return ref;
}

/** One event model per process, loaded and warmed once, shared by the cry and timeline workers. */
@Injectable()
export class AedEngine implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(AedEngine.name);
  private detector?: CryDetector;
  private loading?: Promise<CryDetector>;

  constructor(
    private readonly config: AedConfig,
    @Optional() private readonly metrics?: MetricsService,
    @Optional() private readonly health?: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health?.register({
      name: 'model',
      check: async () => ({ ok: this.detector !== undefined, detail: this.detector?.modelName ?? 'loading' }),
    });
  }

  load(): Promise<CryDetector> {
    this.loading ??= (async () => {
      const started = Date.now();
      const detector = await CryDetector.load(join(this.config.modelsDir, this.config.model), {
        intraOpThreads: this.config.ortIntraOpThreads,
        maxInFlight: Math.max(this.config.cryConcurrency, this.config.aedConcurrency),
      });
      // One run on a second of noise so the first real request does not pay for session warm-up.
      await detector.detect(Float32Array.from({ length: RATE }, (_, i) => Math.sin(i * 0.37) * 0.3));
      this.detector = detector;
      this.logger.log(`model ${detector.modelName} loaded and warmed in ${Date.now() - started} ms`);
      return detector;
    })();
    return this.loading;
  }

  async cry(samples: Float32Array): Promise<CryResult> {
    const detector = await this.ready();
    checkFinite(samples);
    return timeModelRun(this.metrics, 'cry', detector.modelName, () => detector.detect(samples));
  }

  async timeline(samples: Float32Array, ranges?: TimeRange[]): Promise<AedJobResult> {
    const detector = await this.ready();
    checkFinite(samples);
    const pieces = ranges?.length ? ranges : [{ start: 0, end: samples.length / RATE }];
    const events: AedJobResult['events'] = [];
    for (const r of pieces) {
      if (!Number.isFinite(r?.start) || !Number.isFinite(r?.end) || r.start < 0 || r.end < r.start) {
        throw new EarshotError('INVALID_ARGUMENT', 'Each range needs 0 <= start <= end (seconds)', 'ranges');
      }
      const from = Math.floor(r.start * RATE);
      const piece = samples.subarray(from, Math.ceil(r.end * RATE));
      const detection = await timeModelRun(this.metrics, 'aed', detector.modelName, () => detector.events.detect(piece));
      for (const e of detection.events)
        events.push({
          label: e.label,
          start: round3(r.start + e.start),
          end: round3(r.start + e.end),
          score: e.score,
        });
    }
    return { events, model: detector.modelName };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.detector?.close();
  }

  private async ready(): Promise<CryDetector> {
    return this.detector ?? this.load();
  }
}

function checkFinite(samples: Float32Array): Float32Array {
  for (let i = 0; i < samples.length; i++) {
    if (!Number.isFinite(samples[i]))
      throw new EarshotError('AUDIO_BAD_SAMPLES', 'Audio samples contain NaN or infinite values', 'audio');
  }
  return samples;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
