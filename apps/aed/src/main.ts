import 'reflect-metadata';
import { bootstrapService, loadConfig, runMain } from '@earshot/platform';
import { AedConfig } from './aed.config';
import { AedModule } from './aed.module';

runMain('aed', async () => {
  const config = loadConfig(AedConfig);
  await bootstrapService(AedModule, { name: 'aed', port: config.port, logLevel: config.logLevel });
});
