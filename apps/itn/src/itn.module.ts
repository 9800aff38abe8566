import { Module } from '@nestjs/common';
import { ServiceModule } from '@earshot/platform';
import { ItnConfig } from './itn.config';

@Module({
  imports: [ServiceModule.forRoot({ name: 'itn', config: ItnConfig })],
})
export class ItnModule {}
