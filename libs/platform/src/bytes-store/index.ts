export * from './bytes-store';
export * from './redis-bytes.store';
export * from './bytes-store.module';
