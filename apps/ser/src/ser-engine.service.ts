import { Injectable, Optional } from '@nestjs/common';
import { SegmentClassifierEngine } from '@earshot/inference';
import { HealthRegistry } from '@earshot/platform';
import { SerConfig } from './ser.config';

/** The loaded and warmed SER model; one per process, shared by concurrent jobs. */
@Injectable()
export class SerEngine extends SegmentClassifierEngine {
  constructor(config: SerConfig, @Optional() health?: HealthRegistry) {
    super(config, 'SER', health);
  }
}
