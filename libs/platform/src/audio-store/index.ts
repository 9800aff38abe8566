export * from './audio-store';
export * from './redis-audio.store';
export * from './memory-audio.store';
export * from './audio-store.module';
