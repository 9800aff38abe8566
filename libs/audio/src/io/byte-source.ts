/** Random-access bytes: a file read through a descriptor, or a buffer already in memory. */
export interface ByteSource {
  readonly size: number;
  /** Reads up to `length` bytes at `position` into `target` (from offset 0); resolves with the count read. */
  read(target: Uint8Array, position: number, length?: number): Promise<number>;
  close(): Promise<void>;
}

export class BufferByteSource implements ByteSource {
  constructor(private readonly bytes: Uint8Array) {}

  get size(): number {
    return this.bytes.length;
  }

  async read(target: Uint8Array, position: number, length = target.length): Promise<number> {
    if (position >= this.bytes.length || position < 0) return 0;
    const n = Math.min(length, target.length, this.bytes.length - position);
    target.set(this.bytes.subarray(position, position + n), 0);
    return n;
  }

  async close(): Promise<void> {}
}

/** Reads exactly `length` bytes or fewer at end of source; loops over short reads. */
export async function readFully(
  src: ByteSource,
  target: Uint8Array,
  position: number,
  length = target.length,
): Promise<number> {
  let done = 0;
  while (done < length) {
    const view = done === 0 ? target : target.subarray(done);
    const n = await src.read(view, position + done, length - done);
    if (n <= 0) break;
    done += n;
  }
  return done;
}
