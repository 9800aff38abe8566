import { resolve } from 'node:path';
import { Injectable, Logger, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import { EarshotError, SegmentClassifyJobData, SegmentClassifyResult } from '@earshot/contracts';
import { SampleReader, SegmentClassifier, runSegmentJob } from '@earshot/inference';
import { HealthRegistry } from '@earshot/platform';
import { SerConfig } from './ser.config';

/** The loaded and warmed SER model; one per process, shared by concurrent jobs. */
@Injectable()
export class SerEngine implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SerEngine.name);
  private classifier?: SegmentClassifier;

  constructor(
    private readonly config: SerConfig,
    @Optional() private readonly health?: HealthRegistry,
  ) {}

  onModuleInit(): void {
    // /health says "not ready" until the model is loaded and warmed (jobs are not taken before that either)
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
    this.classifier = await SegmentClassifier.load(resolve(this.config.modelsDir, this.config.model), {
      intraOpThreads: this.config.ortIntraOpThreads,
      maxInFlight: this.config.concurrency,
    });
    this.logger.log(
      `model ${this.classifier.name} [${this.classifier.labels.join(', ')}] loaded and warmed in ${Date.now() - started} ms`,
    );
  }

  async run(data: SegmentClassifyJobData, read: SampleReader): Promise<SegmentClassifyResult> {
    if (!this.classifier) throw new EarshotError('DEPENDENCY_UNAVAILABLE', 'The SER model is not loaded yet');
    return runSegmentJob(this.classifier, data, read, 'SER');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.classifier?.close();
    this.classifier = undefined;
  }
}
