import { Inject, Injectable } from '@nestjs/common';
import { SegmentClassifyProcessor } from '@earshot/inference';
import { AUDIO_STORE, AudioStore, QUEUE_DRIVER, QueueDriver } from '@earshot/platform';
import { SerConfig } from './ser.config';
import { SerEngine } from './ser-engine.service';

/** Worker on `earshot.ser.v1` (or SER_QUEUE): emotion scores per segment. */
@Injectable()
export class SerProcessor extends SegmentClassifyProcessor {
  constructor(
    @Inject(QUEUE_DRIVER) driver: QueueDriver,
    @Inject(AUDIO_STORE) store: AudioStore,
    engine: SerEngine,
    config: SerConfig,
  ) {
    super(driver, store, engine, config);
  }
}
