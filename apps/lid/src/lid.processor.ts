import { Inject, Injectable } from '@nestjs/common';
import { SegmentClassifyProcessor } from '@earshot/inference';
import { AUDIO_STORE, AudioStore, QUEUE_DRIVER, QueueDriver } from '@earshot/platform';
import { LidConfig } from './lid.config';
import { LidEngine } from './lid-engine.service';

/** Worker on `earshot.lid.v1` (or LID_QUEUE): language scores per segment. */
@Injectable()
export class LidProcessor extends SegmentClassifyProcessor {
  constructor(
    @Inject(QUEUE_DRIVER) driver: QueueDriver,
    @Inject(AUDIO_STORE) store: AudioStore,
    engine: LidEngine,
    config: LidConfig,
  ) {
    super(driver, store, engine, config);
  }
}
