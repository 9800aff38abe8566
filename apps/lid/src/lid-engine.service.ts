import { Injectable, Optional } from '@nestjs/common';
import { SegmentClassifierEngine } from '@earshot/inference';
import { HealthRegistry, MetricsService } from '@earshot/platform';
import { LidConfig } from './lid.config';

/** The loaded and warmed LID model; one per process, shared by concurrent jobs. */
@Injectable()
export class LidEngine extends SegmentClassifierEngine {
  constructor(config: LidConfig, @Optional() health?: HealthRegistry, @Optional() metrics?: MetricsService) {
    super(config, 'LID', health, metrics);
  }
}
