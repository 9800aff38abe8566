/**
 * A growing Float32Array. Starts at a capacity hint (the header's duration, when known) so the usual case never
 * copies; grows by 1.5x otherwise. `finish()` trims with one copy only when the slack is large, so peak memory stays
 * near the PCM size rather than twice it.
 */
export class Float32Collector {
  private buf: Float32Array;
  private len = 0;

  constructor(
    capacityHint: number,
    /** Appending past this many samples throws `onLimit()`'s error. */
    private readonly maxSamples: number = Number.POSITIVE_INFINITY,
    private readonly onLimit: () => Error = () => new RangeError('Float32Collector limit reached'),
  ) {
    const initial = Math.max(
      1024,
      Math.min(Math.ceil(capacityHint), Number.isFinite(maxSamples) ? maxSamples : capacityHint),
    );
    this.buf = new Float32Array(Math.max(1024, initial));
  }

  get length(): number {
    return this.len;
  }

  /** Room for `n` more samples; returns the array and the offset to write at (call `commit(n)` after writing). */
  reserve(n: number): { array: Float32Array; offset: number } {
    this.ensure(this.len + n);
    return { array: this.buf, offset: this.len };
  }

  commit(n: number): void {
    this.len += n;
  }

  push(src: Float32Array, start = 0, end = src.length): void {
    const n = end - start;
    if (n <= 0) return;
    this.ensure(this.len + n);
    this.buf.set(start === 0 && end === src.length ? src : src.subarray(start, end), this.len);
    this.len += n;
  }

  /** Appends little-endian float32 bytes whose length is a multiple of 4. */
  pushBytesF32le(bytes: Uint8Array): void {
    const n = bytes.length >>> 2;
    if (n === 0) return;
    this.ensure(this.len + n);
    new Uint8Array(this.buf.buffer, this.buf.byteOffset + this.len * 4, n * 4).set(bytes.subarray(0, n * 4));
    this.len += n;
  }

  /** True when every sample from `from` on is a number within ±limit (NaN fails every comparison). */
  allWithin(from: number, limit: number): boolean {
    const b = this.buf;
    for (let i = Math.max(0, from); i < this.len; i++) {
      const v = b[i];
      if (!(v <= limit && v >= -limit)) return false;
    }
    return true;
  }

  finish(): Float32Array {
    const out =
      this.buf.length - this.len > Math.max(4096, this.len >>> 3)
        ? this.buf.slice(0, this.len)
        : this.buf.subarray(0, this.len);
    this.buf = new Float32Array(0);
    this.len = 0;
    return out;
  }

  private ensure(needed: number): void {
    if (needed > this.maxSamples) throw this.onLimit();
    if (needed <= this.buf.length) return;
    let cap = Math.max(needed, Math.ceil(this.buf.length * 1.5));
    if (cap > this.maxSamples) cap = this.maxSamples;
    const next = new Float32Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
}
