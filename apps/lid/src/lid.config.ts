import { Expose } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { QUEUE_NAMES } from '@earshot/contracts';
import { CommonConfig } from '@earshot/platform';

/** Configuration of the lid service (spoken language identification). */
export class LidConfig extends CommonConfig {
  @Expose({ name: 'LID_PORT' })
  @IsInt({ message: 'LID_PORT must be a whole number' })
  @Min(1)
  @Max(65535)
  port: number = 3102;

  /** Model directory under MODELS_DIR (a "classifier"-format LID model). */
  @Expose({ name: 'LID_MODEL' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'LID_MODEL must be a directory name under MODELS_DIR' })
  model: string = 'lid-en-ko';

  /** Jobs one worker process runs at once; they share one ONNX session. */
  @Expose({ name: 'LID_CONCURRENCY' })
  @IsInt({ message: 'LID_CONCURRENCY must be a whole number' })
  @Min(1)
  @Max(32)
  concurrency: number = 2;

  /** The queue to take jobs from; production keeps the contract's name, tests use a unique one. */
  @Expose({ name: 'LID_QUEUE' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'LID_QUEUE must be a queue name (letters, digits, . _ -)' })
  queue: string = QUEUE_NAMES.lid;
}
