import { Expose } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { QUEUE_NAMES } from '@earshot/contracts';
import { CommonConfig } from '@earshot/platform';

/** Configuration of the itn service (inverse text normalization). */
export class ItnConfig extends CommonConfig {
  @Expose({ name: 'ITN_PORT' })
  @IsInt({ message: 'ITN_PORT must be a whole number' })
  @Min(1)
  @Max(65535)
  port: number = 3105;

  /** Jobs at once; ITN is CPU-bound and fast, so a few suffice to keep Redis round trips overlapped. */
  @Expose({ name: 'ITN_CONCURRENCY' })
  @IsInt({ message: 'ITN_CONCURRENCY must be a whole number' })
  @Min(1)
  @Max(64)
  concurrency: number = 4;

  /** The queue to take jobs from; production keeps the contract's name, tests use a unique one. */
  @Expose({ name: 'ITN_QUEUE' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'ITN_QUEUE must be a queue name (letters, digits, . _ -)' })
  queue: string = QUEUE_NAMES.itn;
}
