import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AudioModule } from '@earshot/audio';
import {
  AudioStore,
  AudioStoreModule,
  bullmqFromConfig,
  BytesStore,
  BytesStoreModule,
  MemoryBytesStore,
  QueueDriver,
  QueueModule,
  ServiceModule,
} from '@earshot/platform';
import { GatewayConfig } from './gateway.config';
import { ApiKeyGuard } from './auth/api-key.guard';
import { BackpressureInterceptor } from './backpressure/backpressure.interceptor';
import { BackpressureService } from './backpressure/backpressure.service';
import { ApiKeyAuth } from './auth/api-key-auth.service';
import { CryDetectionController } from './cry/cry-detection.controller';
import { CryDetectionService } from './cry/cry-detection.service';
import { JobInputAdapter } from './jobs/job-input.adapter';
import { JobsController } from './jobs/jobs.controller';
import { JobsService } from './jobs/jobs.service';
import { TranscribeProcessor } from './jobs/transcribe.processor';
import { MergeProcessor } from './transcription/merge.processor';
import { TranscriptionController } from './transcription/transcription.controller';
import { TranscriptionService } from './transcription/transcription.service';
import { WebhookHttpAdapter } from './webhooks/webhook-http.adapter';
import { WebhookProcessor } from './webhooks/webhook.processor';
import { WebhookService } from './webhooks/webhook.service';

export interface GatewayModuleOptions {
  config: GatewayConfig;
  /** Embedded mode and tests hand in their own driver; services connect to Redis. */
  queueDriver?: QueueDriver;
  audioStore?: AudioStore;
  /** Bytes of batch uploads; Redis by default, in memory with the in-memory queue driver. */
  bytesStore?: BytesStore;
}

@Module({})
export class GatewayModule {
  static forRoot({ config, queueDriver, audioStore, bytesStore }: GatewayModuleOptions): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ServiceModule.forRoot({ name: 'gateway', config: GatewayConfig, configValue: config }),
        QueueModule.forRoot(queueDriver ? { driver: queueDriver } : bullmqFromConfig(config)),
        AudioStoreModule.forRoot(audioStore ? { store: audioStore } : { redisUrl: config.redisUrl }),
        AudioModule.forConfig(GatewayConfig),
        BytesStoreModule.forRoot(
          bytesStore
            ? { store: bytesStore }
            : queueDriver?.kind === 'memory'
              ? { store: new MemoryBytesStore() }
              : { redisUrl: config.redisUrl },
        ),
      ],
      controllers: [CryDetectionController, TranscriptionController, JobsController],
      providers: [
        ApiKeyAuth,
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_INTERCEPTOR, useClass: BackpressureInterceptor },
        BackpressureService,
        CryDetectionService,
        TranscriptionService,
        MergeProcessor,
        JobInputAdapter,
        JobsService,
        TranscribeProcessor,
        WebhookHttpAdapter,
        WebhookService,
        WebhookProcessor,
      ],
    };
  }
}
