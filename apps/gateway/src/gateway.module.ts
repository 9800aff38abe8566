import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AudioModule } from '@earshot/audio';
import { AudioStore, AudioStoreModule, bullmqFromConfig, QueueDriver, QueueModule, ServiceModule } from '@earshot/platform';
import { GatewayConfig } from './gateway.config';
import { ApiKeyGuard } from './auth/api-key.guard';
import { BackpressureInterceptor } from './backpressure/backpressure.interceptor';
import { BackpressureService } from './backpressure/backpressure.service';
import { ApiKeyAuth } from './auth/api-key-auth.service';
import { CryDetectionController } from './cry/cry-detection.controller';
import { CryDetectionService } from './cry/cry-detection.service';
import { MergeProcessor } from './transcription/merge.processor';
import { TranscriptionController } from './transcription/transcription.controller';
import { TranscriptionService } from './transcription/transcription.service';

export interface GatewayModuleOptions {
  config: GatewayConfig;
  /** Embedded mode and tests hand in their own driver; services connect to Redis. */
  queueDriver?: QueueDriver;
  audioStore?: AudioStore;
}

@Module({})
export class GatewayModule {
  static forRoot({ config, queueDriver, audioStore }: GatewayModuleOptions): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ServiceModule.forRoot({ name: 'gateway', config: GatewayConfig, configValue: config }),
        QueueModule.forRoot(queueDriver ? { driver: queueDriver } : bullmqFromConfig(config)),
        AudioStoreModule.forRoot(audioStore ? { store: audioStore } : { redisUrl: config.redisUrl }),
        AudioModule.forConfig(GatewayConfig),
      ],
      controllers: [CryDetectionController, TranscriptionController],
      providers: [
        ApiKeyAuth,
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_INTERCEPTOR, useClass: BackpressureInterceptor },
        BackpressureService,
        CryDetectionService,
        TranscriptionService,
        MergeProcessor,
      ],
    };
  }
}
