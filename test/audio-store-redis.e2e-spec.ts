import { RedisAudioStore } from '@earshot/platform';
import { audioStoreContract } from '../libs/platform/src/audio-store/testing/audio-store.contract';

audioStoreContract('Redis', () => new RedisAudioStore(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'));
