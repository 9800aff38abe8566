import { AudioRef, EarshotError } from '@earshot/contracts';
import { AudioStore, clampRange } from './audio-store';

/** Embedded mode: PCM stays in this process; TTLs are enforced with unref'd timers. */
export class MemoryAudioStore implements AudioStore {
  private readonly clips = new Map<string, { pcm: Float32Array; timer: NodeJS.Timeout }>();

  async put(id: string, pcm: Float32Array, ttlSeconds: number): Promise<AudioRef> {
    const key = `mem:${id}`;
    const old = this.clips.get(key);
    if (old) clearTimeout(old.timer);
    const timer = setTimeout(() => this.clips.delete(key), ttlSeconds * 1000);
    timer.unref();
    this.clips.set(key, { pcm, timer });
    return { key, sampleRate: 16000, samples: pcm.length, durationSec: pcm.length / 16000 };
  }

  async get(ref: AudioRef, from?: number, to?: number): Promise<Float32Array> {
    const clip = this.clips.get(ref.key);
    if (!clip) throw new EarshotError('NOT_FOUND', 'The stored audio has expired or was removed');
    const [a, b] = clampRange(ref, from, to);
    return clip.pcm.subarray(a, b);
  }

  async delete(ref: AudioRef): Promise<void> {
    const clip = this.clips.get(ref.key);
    if (clip) clearTimeout(clip.timer);
    this.clips.delete(ref.key);
  }
}
