import { resolve } from 'node:path';
import { Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { EarshotError, SegmentClassifyJobData, SegmentClassifyResult } from '@earshot/contracts';
import { type HealthRegistry, type MetricsService, timeModelRun } from '@earshot/platform';
import { SegmentClassifier } from './segment-classifier';
import { SampleReader, runSegmentJob } from './segment-job';

export interface SegmentEngineSettings {
  modelsDir: string;
  model: string;
  ortIntraOpThreads: number;
  concurrency: number;
}

/**
 * A per-segment classifier (LID, SER) loaded and warmed once per process and shared by concurrent jobs.
 * /health reports "not ready" until the model is loaded; jobs are not taken before that either.
 */
export abstract class SegmentClassifierEngine implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(this.constructor.name);
  private classifier?: SegmentClassifier;

  protected constructor(
    private readonly settings: SegmentEngineSettings,
    private readonly task: string,
    private readonly health?: HealthRegistry,
    private readonly metrics?: MetricsService,
  ) {}

  onModuleInit(): void {
    this.health?.register({
      name: 'model',
      check: async () => ({ ok: this.classifier !== undefined, detail: this.classifier?.name ?? 'loading' }),
    });
  }

  get modelName(): string | undefined {
    return this.classifier?.name;
  }

  async load(): Promise<void> {
    const started = Date.now();
    this.classifier = await SegmentClassifier.load(resolve(this.settings.modelsDir, this.settings.model), {
      intraOpThreads: this.settings.ortIntraOpThreads,
      maxInFlight: this.settings.concurrency,
    });
    this.logger.log(
      `model ${this.classifier.name} [${this.classifier.labels.join(', ')}] loaded and warmed in ${Date.now() - started} ms`,
    );
  }

  async run(data: SegmentClassifyJobData, read: SampleReader): Promise<SegmentClassifyResult> {
    if (!this.classifier) throw new EarshotError('DEPENDENCY_UNAVAILABLE', `The ${this.task} model is not loaded yet`);
    const { name } = this.classifier;
    const task = this.task.toLowerCase();
    return runSegmentJob(this.classifier, data, read, this.task, (run) => timeModelRun(this.metrics, task, name, run));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.classifier?.close();
    this.classifier = undefined;
  }
}
