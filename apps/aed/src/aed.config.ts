import { Expose } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { CommonConfig } from '@earshot/platform';

/** Configuration of the aed service (audio events and cry detection). */
export class AedConfig extends CommonConfig {
  @Expose({ name: 'AED_PORT' })
  @IsInt({ message: 'AED_PORT must be a whole number' })
  @Min(1)
  @Max(65535)
  port: number = 3104;
}
