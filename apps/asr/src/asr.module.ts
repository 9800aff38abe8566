import { Module } from '@nestjs/common';
import { ServiceModule } from '@earshot/platform';
import { AsrConfig } from './asr.config';

@Module({
  imports: [ServiceModule.forRoot({ name: 'asr', config: AsrConfig })],
})
export class AsrModule {}
