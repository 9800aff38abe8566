import { Module } from '@nestjs/common';
import { ServiceModule } from '@earshot/platform';
import { LidConfig } from './lid.config';

@Module({
  imports: [ServiceModule.forRoot({ name: 'lid', config: LidConfig })],
})
export class LidModule {}
