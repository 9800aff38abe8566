import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { bootstrapService, loadConfig, runMain } from '@earshot/platform';
import { ItnConfig } from './itn.config';
import { ItnModule } from './itn.module';

runMain('itn', async () => {
  const config = loadConfig(ItnConfig);
  @Module({ imports: [ItnModule.forRoot({ config })] })
  class ItnApp {}
  await bootstrapService(ItnApp, { name: 'itn', port: config.port, logLevel: config.logLevel, cpuNice: config.cpuNice });
});
