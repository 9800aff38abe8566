/** Raw uploaded bytes waiting for their job (batch uploads), under a key with a TTL; never in the job data. */
export interface BytesStore {
  put(key: string, bytes: Buffer, ttlSeconds: number): Promise<void>;
  /** undefined when the key expired or was removed. */
  get(key: string): Promise<Buffer | undefined>;
  delete(key: string): Promise<void>;
}

export const BYTES_STORE = Symbol('BYTES_STORE');

/** Embedded mode and unit tests: the same contract in process memory. */
export class MemoryBytesStore implements BytesStore {
  private readonly entries = new Map<string, { bytes: Buffer; expires: number }>();

  async put(key: string, bytes: Buffer, ttlSeconds: number): Promise<void> {
    this.entries.set(key, { bytes: Buffer.from(bytes), expires: Date.now() + ttlSeconds * 1000 });
  }

  async get(key: string): Promise<Buffer | undefined> {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.bytes;
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }
}
