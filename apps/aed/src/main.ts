import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { bootstrapService, loadConfig, runMain } from '@earshot/platform';
import { AedConfig } from './aed.config';
import { AedModule } from './aed.module';

runMain('aed', async () => {
  const config = loadConfig(AedConfig);
  @Module({ imports: [AedModule.forRoot({ config })] })
  class AedApp {}
  await bootstrapService(AedApp, { name: 'aed', port: config.port, logLevel: config.logLevel, cpuNice: config.cpuNice });
});
