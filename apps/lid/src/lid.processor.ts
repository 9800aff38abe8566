import { Inject, Injectable } from '@nestjs/common';
import { LidJobData, LidJobResult } from '@earshot/contracts';
import {
  AUDIO_STORE,
  AudioStore,
  JobContext,
  QUEUE_DRIVER,
  QueueDriver,
  QueueProcessor,
} from '@earshot/platform';
import { LidConfig } from './lid.config';
import { LidEngine } from './lid-engine.service';

/** Worker on `earshot.lid.v1` (or LID_QUEUE): language scores per segment. Takes jobs only once the model is warm. */
@Injectable()
export class LidProcessor extends QueueProcessor<LidJobData, LidJobResult> {
  constructor(
    @Inject(QUEUE_DRIVER) driver: QueueDriver,
    @Inject(AUDIO_STORE) private readonly store: AudioStore,
    private readonly engine: LidEngine,
    config: LidConfig,
  ) {
    super(driver, config.queue, config.concurrency);
  }

  protected override async prepare(): Promise<void> {
    await this.engine.load();
  }

  handle(job: JobContext<LidJobData>): Promise<LidJobResult> {
    return this.engine.run(job.data, (ref, from, to) => this.store.get(ref, from, to));
  }
}
