import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig, runMain } from '@earshot/platform';
import { GatewayConfig } from './gateway.config';
import { createGatewayApp } from './gateway.app';

runMain('gateway', async () => {
  const config = loadConfig(GatewayConfig);
  const app = await createGatewayApp({ config });
  await app.listen(config.port, '0.0.0.0');
  new Logger('gateway').log(`listening on :${config.port} (auth: ${config.authMode})`);
});
