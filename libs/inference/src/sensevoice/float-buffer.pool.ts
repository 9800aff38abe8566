/**
 * Reuses large Float32Array buffers (logits: 100 MB for 60 s of audio on a 25 k vocabulary) instead of allocating
 * and zero-filling one per forward pass. Buffers are handed out whole or as a prefix view; release takes either.
 */
export class FloatBufferPool {
  private readonly free: Float32Array[] = [];

  constructor(private readonly keep: number) {}

  acquire(size: number): Float32Array {
    let best = -1;
    for (let i = 0; i < this.free.length; i++)
      if (this.free[i].length >= size && (best < 0 || this.free[i].length < this.free[best].length)) best = i;
    const buf = best >= 0 ? this.free.splice(best, 1)[0] : new Float32Array(size);
    return buf.length === size ? buf : buf.subarray(0, size);
  }

  release(view: Float32Array): void {
    const whole = new Float32Array(view.buffer, 0, view.buffer.byteLength / 4);
    if (this.free.some((b) => b.buffer === whole.buffer)) return;
    this.free.push(whole);
    if (this.free.length > this.keep) {
      // drop the smallest: large utterances are the expensive ones to reallocate
      let smallest = 0;
      for (let i = 1; i < this.free.length; i++) if (this.free[i].length < this.free[smallest].length) smallest = i;
      this.free.splice(smallest, 1);
    }
  }
}
