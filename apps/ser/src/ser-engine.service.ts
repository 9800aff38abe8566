import { Injectable, Optional } from '@nestjs/common';
import { SegmentClassifierEngine } from '@earshot/inference';
import { HealthRegistry, MetricsService } from '@earshot/platform';
import { SerConfig } from './ser.config';

/** The loaded and warmed SER model; one per process, shared by concurrent jobs. */
@Injectable()
export class SerEngine extends SegmentClassifierEngine {
  constructor(config: SerConfig, @Optional() health?: HealthRegistry, @Optional() metrics?: MetricsService) {
    super(config, 'SER', health, metrics);
  }
}
