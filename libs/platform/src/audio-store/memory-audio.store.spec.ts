import { MemoryAudioStore } from './memory-audio.store';
import { audioStoreContract } from './testing/audio-store.contract';

audioStoreContract('memory', () => new MemoryAudioStore());
