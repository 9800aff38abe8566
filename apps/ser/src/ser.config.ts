import { Expose } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { QUEUE_NAMES } from '@earshot/contracts';
import { CommonConfig } from '@earshot/platform';

/** Configuration of the ser service (speech emotion recognition). */
export class SerConfig extends CommonConfig {
  @Expose({ name: 'SER_PORT' })
  @IsInt({ message: 'SER_PORT must be a whole number' })
  @Min(1)
  @Max(65535)
  port: number = 3103;

  /** Model directory under MODELS_DIR (a "classifier"-format SER model). */
  @Expose({ name: 'SER_MODEL' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'SER_MODEL must be a directory name under MODELS_DIR' })
  model: string = 'ser-4class';

  /** Jobs one worker process runs at once; they share one ONNX session. */
  @Expose({ name: 'SER_CONCURRENCY' })
  @IsInt({ message: 'SER_CONCURRENCY must be a whole number' })
  @Min(1)
  @Max(32)
  concurrency: number = 2;

  /** The queue to take jobs from; production keeps the contract's name, tests use a unique one. */
  @Expose({ name: 'SER_QUEUE' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'SER_QUEUE must be a queue name (letters, digits, . _ -)' })
  queue: string = QUEUE_NAMES.ser;
}
