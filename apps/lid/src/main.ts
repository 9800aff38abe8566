import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { bootstrapService, loadConfig, runMain } from '@earshot/platform';
import { LidConfig } from './lid.config';
import { LidModule } from './lid.module';

runMain('lid', async () => {
  const config = loadConfig(LidConfig);
  @Module({ imports: [LidModule.forRoot({ config })] })
  class LidApp {}
  await bootstrapService(LidApp, { name: 'lid', port: config.port, logLevel: config.logLevel, cpuNice: config.cpuNice });
});
