import { Expose } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { CommonConfig } from '@earshot/platform';

/** Configuration of the lid service (spoken language identification). */
export class LidConfig extends CommonConfig {
  @Expose({ name: 'LID_PORT' })
  @IsInt({ message: 'LID_PORT must be a whole number' })
  @Min(1)
  @Max(65535)
  port: number = 3102;
}
