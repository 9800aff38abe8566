import { Module } from '@nestjs/common';
import { ServiceModule } from '@earshot/platform';
import { AedConfig } from './aed.config';

@Module({
  imports: [ServiceModule.forRoot({ name: 'aed', config: AedConfig })],
})
export class AedModule {}
