/**
 * Frame scores of overlapping windows on one global grid: overlapping frames are averaged. Frames before the
 * start of the next window can no longer change, so they are released in order and dropped (bounded memory).
 */
export class FrameTrack {
  private sums = new Float64Array(0);
  private counts = new Uint16Array(0);
  /** Global index of sums[0]. */
  private base = 0;
  private length = 0;

  constructor(private readonly classes: number) {}

  /** Adds a window's frames [count, classes] whose first frame sits at global index `first`. */
  add(first: number, frames: Float32Array, count: number): void {
    if (first < this.base)
      throw new RangeError(`window at frame ${first} starts before released frame ${this.base}`);
    const end = first + count - this.base;
    this.ensure(end);
    const c = this.classes;
    for (let t = 0; t < count; t++) {
      const row = first - this.base + t;
      this.counts[row]++;
      for (let k = 0; k < c; k++) this.sums[row * c + k] += frames[t * c + k];
    }
    this.length = Math.max(this.length, end);
  }

  /** Releases frames with global index < `upTo` (all when omitted), calling `emit(index, meanScores)` in order. */
  release(emit: (index: number, scores: Float32Array) => void, upTo = Infinity): void {
    const c = this.classes;
    const n = Math.min(this.length, Math.max(0, upTo - this.base));
    const row = new Float32Array(c);
    for (let t = 0; t < n; t++) {
      const k = this.counts[t];
      if (k === 0) continue;
      for (let j = 0; j < c; j++) row[j] = this.sums[t * c + j] / k;
      emit(this.base + t, row);
    }
    // shift what is left to the front (windows overlap by at most one window, so this stays small)
    this.sums.copyWithin(0, n * c, this.length * c);
    this.sums.fill(0, (this.length - n) * c, this.length * c);
    this.counts.copyWithin(0, n, this.length);
    this.counts.fill(0, this.length - n, this.length);
    this.length -= n;
    this.base += n;
  }

  private ensure(rows: number): void {
    if (rows <= this.counts.length) return;
    const cap = Math.max(rows, this.counts.length * 2, 64);
    const sums = new Float64Array(cap * this.classes);
    sums.set(this.sums);
    const counts = new Uint16Array(cap);
    counts.set(this.counts);
    this.sums = sums;
    this.counts = counts;
  }
}
