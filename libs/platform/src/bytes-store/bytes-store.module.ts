import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { BYTES_STORE, BytesStore } from './bytes-store';
import { RedisBytesStore } from './redis-bytes.store';

@Injectable()
class BytesStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(BYTES_STORE) private readonly store: BytesStore & { close?: () => Promise<void> }) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close?.();
  }
}

/** Provides the upload bytes store: Redis in services, one handed in (in memory) in embedded mode. */
@Module({})
export class BytesStoreModule {
  static forRoot(opts: { redisUrl: string } | { store: BytesStore }): DynamicModule {
    return {
      module: BytesStoreModule,
      global: true,
      providers: [
        { provide: BYTES_STORE, useFactory: () => ('store' in opts ? opts.store : new RedisBytesStore(opts.redisUrl)) },
        BytesStoreCloser,
      ],
      exports: [BYTES_STORE],
    };
  }
}
