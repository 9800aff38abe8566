import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { bootstrapService, loadConfig, runMain } from '@earshot/platform';
import { AsrConfig } from './asr.config';
import { AsrModule } from './asr.module';

runMain('asr', async () => {
  const config = loadConfig(AsrConfig);
  @Module({ imports: [AsrModule.forRoot({ config })] })
  class AsrApp {}
  await bootstrapService(AsrApp, { name: 'asr', port: config.port, logLevel: config.logLevel, cpuNice: config.cpuNice });
});
