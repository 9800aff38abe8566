import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { AUDIO_STORE, AudioStore } from './audio-store';
import { RedisAudioStore } from './redis-audio.store';

@Injectable()
class AudioStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(AUDIO_STORE) private readonly store: AudioStore & { close?: () => Promise<void> }) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close?.();
  }
}

/** Provides the PCM store: Redis in services, an in-process store (handed in) in embedded mode. */
@Module({})
export class AudioStoreModule {
  static forRoot(opts: { redisUrl: string } | { store: AudioStore }): DynamicModule {
    return {
      module: AudioStoreModule,
      global: true,
      providers: [
        { provide: AUDIO_STORE, useFactory: () => ('store' in opts ? opts.store : new RedisAudioStore(opts.redisUrl)) },
        AudioStoreCloser,
      ],
      exports: [AUDIO_STORE],
    };
  }
}
