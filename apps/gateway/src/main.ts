import 'reflect-metadata';
import { bootstrapService, loadConfig, runMain } from '@earshot/platform';
import { GatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';

runMain('gateway', async () => {
  const config = loadConfig(GatewayConfig);
  await bootstrapService(GatewayModule, { name: 'gateway', port: config.port, logLevel: config.logLevel });
});
