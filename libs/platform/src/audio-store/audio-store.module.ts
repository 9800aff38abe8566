import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import { AUDIO_STORE, AudioStore } from './audio-store';
import { RedisAudioStore } from './redis-audio.store';
import { HealthRegistry } from '../health/health-check';

/** Reports the store in /health (it has its own Redis connection) and closes it on shutdown. */
@Injectable()
class AudioStoreCloser implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(AUDIO_STORE) private readonly store: AudioStore & { close?: () => Promise<void> },
    @Optional() private readonly health?: HealthRegistry,
  ) {}

  onModuleInit(): void {
    const store = this.store;
    if (store.ping) this.health?.register({ name: 'audio-store', check: async () => ({ ok: await store.ping!() }) });
  }

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
