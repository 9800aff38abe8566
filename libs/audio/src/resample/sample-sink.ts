/** Where a filter stage writes: reserve room, write, commit. `Float32Collector` is one; `ScratchSink` another. */
export interface SampleSink {
  reserve(n: number): { array: Float32Array; offset: number };
  commit(n: number): void;
}

/** A reusable buffer between two stages: reset before each step, read with `view()`, grows only when needed. */
export class ScratchSink implements SampleSink {
  private buf = new Float32Array(4096);
  private len = 0;

  reset(): void {
    this.len = 0;
  }

  reserve(n: number): { array: Float32Array; offset: number } {
    if (this.len + n > this.buf.length) {
      const next = new Float32Array(Math.max(this.len + n, this.buf.length * 2));
      next.set(this.buf.subarray(0, this.len));
      this.buf = next;
    }
    return { array: this.buf, offset: this.len };
  }

  commit(n: number): void {
    this.len += n;
  }

  view(): Float32Array {
    return this.buf.subarray(0, this.len);
  }
}
