import { Expose } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { QUEUE_NAMES } from '@earshot/contracts';
import { CommonConfig } from '@earshot/platform';

const QUEUE_NAME = /^[A-Za-z0-9._-]+$/;

/** Configuration of the aed service (audio events and cry detection). */
export class AedConfig extends CommonConfig {
  @Expose({ name: 'AED_PORT' })
  @IsInt({ message: 'AED_PORT must be a whole number' })
  @Min(1)
  @Max(65535)
  port: number = 3104;

  /** Model directory under MODELS_DIR. */
  @Expose({ name: 'AED_MODEL' })
  @IsString()
  model: string = 'aed-events';

  /** Camera clips in flight; short and latency-bound, so more than one keeps the session busy between Redis trips. */
  @Expose({ name: 'CRY_CONCURRENCY' })
  @IsInt({ message: 'CRY_CONCURRENCY must be a whole number' })
  @Min(1)
  @Max(64)
  cryConcurrency: number = 4;

  @Expose({ name: 'AED_CONCURRENCY' })
  @IsInt({ message: 'AED_CONCURRENCY must be a whole number' })
  @Min(1)
  @Max(32)
  aedConcurrency: number = 1;

  /** Queues to take jobs from; production keeps the contract's names, tests use unique ones. */
  @Expose({ name: 'CRY_QUEUE' })
  @Matches(QUEUE_NAME, { message: 'CRY_QUEUE must be a queue name (letters, digits, . _ -)' })
  cryQueue: string = QUEUE_NAMES.cry;

  /**
   * Which queues this process serves: `cry,aed` (both), `cry` (a process for cameras only) or `aed` (timelines only).
   * Cameras on their own process keep their latency while timelines flood the other (docs/reliability.md).
   */
  @Expose({ name: 'AED_SERVE' })
  @Matches(/^(cry|aed)(,(cry|aed))?$/, { message: 'AED_SERVE must be cry, aed or cry,aed' })
  serve: string = 'cry,aed';

  serves(queue: 'cry' | 'aed'): boolean {
    return this.serve.split(',').includes(queue);
  }

  @Expose({ name: 'AED_QUEUE' })
  @Matches(QUEUE_NAME, { message: 'AED_QUEUE must be a queue name (letters, digits, . _ -)' })
  aedQueue: string = QUEUE_NAMES.aed;
}
