import { Expose } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { CommonConfig } from '@earshot/platform';

/** Configuration of the itn service (inverse text normalization). */
export class ItnConfig extends CommonConfig {
  @Expose({ name: 'ITN_PORT' })
  @IsInt({ message: 'ITN_PORT must be a whole number' })
  @Min(1)
  @Max(65535)
  port: number = 3105;
}
