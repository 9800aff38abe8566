import 'reflect-metadata';
import { bootstrapService, loadConfig, runMain } from '@earshot/platform';
import { ItnConfig } from './itn.config';
import { ItnModule } from './itn.module';

runMain('itn', async () => {
  const config = loadConfig(ItnConfig);
  await bootstrapService(ItnModule, { name: 'itn', port: config.port, logLevel: config.logLevel });
});
