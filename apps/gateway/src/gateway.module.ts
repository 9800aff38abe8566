import { Module } from '@nestjs/common';
import { ServiceModule } from '@earshot/platform';
import { GatewayConfig } from './gateway.config';

@Module({
  imports: [ServiceModule.forRoot({ name: 'gateway', config: GatewayConfig })],
})
export class GatewayModule {}
