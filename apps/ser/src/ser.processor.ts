import { Inject, Injectable } from '@nestjs/common';
import { SerJobData, SerJobResult } from '@earshot/contracts';
import {
  AUDIO_STORE,
  AudioStore,
  JobContext,
  QUEUE_DRIVER,
  QueueDriver,
  QueueProcessor,
} from '@earshot/platform';
import { SerConfig } from './ser.config';
import { SerEngine } from './ser-engine.service';

/** Worker on `earshot.ser.v1` (or SER_QUEUE): emotion scores per segment. Takes jobs only once the model is warm. */
@Injectable()
export class SerProcessor extends QueueProcessor<SerJobData, SerJobResult> {
  constructor(
    @Inject(QUEUE_DRIVER) driver: QueueDriver,
    @Inject(AUDIO_STORE) private readonly store: AudioStore,
    private readonly engine: SerEngine,
    config: SerConfig,
  ) {
    super(driver, config.queue, config.concurrency);
  }

  protected override async prepare(): Promise<void> {
    await this.engine.load();
  }

  handle(job: JobContext<SerJobData>): Promise<SerJobResult> {
    return this.engine.run(job.data, (ref, from, to) => this.store.get(ref, from, to));
  }
}
