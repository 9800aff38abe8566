import { Expose } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { CommonConfig } from '@earshot/platform';

/** Configuration of the ser service (speech emotion recognition). */
export class SerConfig extends CommonConfig {
  @Expose({ name: 'SER_PORT' })
  @IsInt({ message: 'SER_PORT must be a whole number' })
  @Min(1)
  @Max(65535)
  port: number = 3103;
}
