import 'reflect-metadata';
import { bootstrapService, loadConfig, runMain } from '@earshot/platform';
import { SerConfig } from './ser.config';
import { SerModule } from './ser.module';

runMain('ser', async () => {
  const config = loadConfig(SerConfig);
  await bootstrapService(SerModule, { name: 'ser', port: config.port, logLevel: config.logLevel });
});
