import 'reflect-metadata';
import { bootstrapService, loadConfig, runMain } from '@earshot/platform';
import { AsrConfig } from './asr.config';
import { AsrModule } from './asr.module';

runMain('asr', async () => {
  const config = loadConfig(AsrConfig);
  await bootstrapService(AsrModule, { name: 'asr', port: config.port, logLevel: config.logLevel });
});
