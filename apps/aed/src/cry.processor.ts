import { Inject, Injectable } from '@nestjs/common';
import { CryJobData, CryResult } from '@earshot/contracts';
import { AUDIO_STORE, AudioStore, JobContext, QUEUE_DRIVER, QueueDriver, QueueProcessor } from '@earshot/platform';
import { AedConfig } from './aed.config';
import { AedEngine, checkAudioRef } from './aed-engine.service';

/** Worker on `earshot.cry.v1`: one camera clip, one cry decision. */
@Injectable()
export class CryProcessor extends QueueProcessor<CryJobData, CryResult> {
  constructor(
    @Inject(QUEUE_DRIVER) driver: QueueDriver,
    @Inject(AUDIO_STORE) private readonly store: AudioStore,
    private readonly engine: AedEngine,
    config: AedConfig,
  ) {
    super(driver, config.cryQueue, config.cryConcurrency);
  }

  protected override async prepare(): Promise<void> {
    await this.engine.load();
  }

  async handle(job: JobContext<CryJobData>): Promise<CryResult> {
    const samples = await this.store.get(checkAudioRef(job.data?.audio));
    return this.engine.cry(samples);
  }
}
