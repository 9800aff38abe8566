import { Inject, Injectable } from '@nestjs/common';
import { AedJobData, AedJobResult, EarshotError } from '@earshot/contracts';
import { AUDIO_STORE, AudioStore, JobContext, QUEUE_DRIVER, QueueDriver, QueueProcessor } from '@earshot/platform';
import { AedConfig } from './aed.config';
import { AedEngine, checkAudioRef } from './aed-engine.service';

/** Worker on `earshot.aed.v1`: the event timeline of a request's audio (or of the given ranges). */
@Injectable()
export class AedProcessor extends QueueProcessor<AedJobData, AedJobResult> {
  constructor(
    @Inject(QUEUE_DRIVER) driver: QueueDriver,
    @Inject(AUDIO_STORE) private readonly store: AudioStore,
    private readonly engine: AedEngine,
    config: AedConfig,
  ) {
    super(driver, config.aedQueue, config.aedConcurrency);
  }

  protected override async prepare(): Promise<void> {
    await this.engine.load();
  }

  async handle(job: JobContext<AedJobData>): Promise<AedJobResult> {
    const ref = checkAudioRef(job.data?.audio);
    if (job.data.ranges !== undefined && !Array.isArray(job.data.ranges)) {
      throw new EarshotError('INVALID_ARGUMENT', 'ranges must be an array of {start, end}', 'ranges');
    }
    return this.engine.timeline(await this.store.get(ref), job.data.ranges);
  }
}
