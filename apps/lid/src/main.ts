import 'reflect-metadata';
import { bootstrapService, loadConfig, runMain } from '@earshot/platform';
import { LidConfig } from './lid.config';
import { LidModule } from './lid.module';

runMain('lid', async () => {
  const config = loadConfig(LidConfig);
  await bootstrapService(LidModule, { name: 'lid', port: config.port, logLevel: config.logLevel });
});
