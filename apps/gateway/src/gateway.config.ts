import { Expose } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { CommonConfig } from '@earshot/platform';

/** Configuration of the gateway service (HTTP API, orchestration and merging). */
export class GatewayConfig extends CommonConfig {
  @Expose({ name: 'GATEWAY_PORT' })
  @IsInt({ message: 'GATEWAY_PORT must be a whole number' })
  @Min(1)
  @Max(65535)
  port: number = 8080;
}
