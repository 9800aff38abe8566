import IORedis, { Redis } from 'ioredis';
import { BytesStore } from './bytes-store';

/** One Redis string per upload, with EX; the caller chooses the key (a contract prefix + the job id). */
export class RedisBytesStore implements BytesStore {
  private readonly redis: Redis;

  constructor(redisUrl: string) {
    this.redis = new IORedis(redisUrl, { maxRetriesPerRequest: 2, retryStrategy: (n) => Math.min(n * 200, 2000) });
    this.redis.on('error', () => undefined);
  }

  async put(key: string, bytes: Buffer, ttlSeconds: number): Promise<void> {
    await this.redis.set(key, bytes, 'EX', ttlSeconds);
  }

  async get(key: string): Promise<Buffer | undefined> {
    return (await this.redis.getBuffer(key)) ?? undefined;
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(key);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
