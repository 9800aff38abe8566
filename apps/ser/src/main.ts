import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { bootstrapService, loadConfig, runMain } from '@earshot/platform';
import { SerConfig } from './ser.config';
import { SerModule } from './ser.module';

runMain('ser', async () => {
  const config = loadConfig(SerConfig);
  @Module({ imports: [SerModule.forRoot({ config })] })
  class SerApp {}
  await bootstrapService(SerApp, { name: 'ser', port: config.port, logLevel: config.logLevel, cpuNice: config.cpuNice });
});
