import { Redis } from 'ioredis';
import { AudioRef, EarshotError } from '@earshot/contracts';
import { AudioStore, clampRange } from './audio-store';
import { asUnavailable, createRedis, whenReady } from '../redis/redis-client';

const KEY_PREFIX = 'earshot:pcm:';
const WHAT = 'The audio store';

/**
 * PCM as little-endian float32 bytes under one Redis key; segments are read with GETRANGE, not the whole clip.
 * Fail-fast connection: while Redis is down every call throws QUEUE_UNAVAILABLE (503, Retry-After) at once; a worker
 * job that hits it fails retryably and is retried by the queue.
 */
export class RedisAudioStore implements AudioStore {
  private readonly redis: Redis;

  constructor(redisUrl: string) {
    this.redis = createRedis(redisUrl, 'fail-fast');
  }

  private async call<T>(op: () => Promise<T>): Promise<T> {
    await whenReady(this.redis, WHAT);
    try {
      return await op();
    } catch (err) {
      throw asUnavailable(err, this.redis, WHAT);
    }
  }

  async put(id: string, pcm: Float32Array, ttlSeconds: number): Promise<AudioRef> {
    const key = `${KEY_PREFIX}${id}`;
    const bytes = Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
    await this.call(() => this.redis.set(key, bytes, 'EX', ttlSeconds));
    return { key, sampleRate: 16000, samples: pcm.length, durationSec: pcm.length / 16000 };
  }

  async get(ref: AudioRef, from?: number, to?: number): Promise<Float32Array> {
    const [a, b] = clampRange(ref, from, to);
    if (b === a) return new Float32Array(0);
    const buf = await this.call(() => this.redis.getrangeBuffer(ref.key, a * 4, b * 4 - 1));
    if (buf.length !== (b - a) * 4) {
      throw new EarshotError('NOT_FOUND', 'The stored audio has expired or was removed');
    }
    // Copy into an aligned buffer: Redis buffers are not guaranteed to be 4-byte aligned.
    const out = new Float32Array(b - a);
    new Uint8Array(out.buffer).set(buf);
    return out;
  }

  async delete(ref: AudioRef): Promise<void> {
    await this.call(() => this.redis.del(ref.key));
  }

  async ping(): Promise<boolean> {
    if (this.redis.status !== 'ready') return false;
    return (await this.redis.ping().catch(() => '')) === 'PONG';
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
