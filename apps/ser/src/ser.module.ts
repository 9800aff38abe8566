import { Module } from '@nestjs/common';
import { ServiceModule } from '@earshot/platform';
import { SerConfig } from './ser.config';

@Module({
  imports: [ServiceModule.forRoot({ name: 'ser', config: SerConfig })],
})
export class SerModule {}
