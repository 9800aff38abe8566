import { FeatureMatrix } from '../features.types';
import { FbankOptions } from './fbank-options';
import { FbankProcessor, Samples } from './fbank.processor';

/**
 * Streaming fbank: accepts audio in chunks of any size and returns the frames that became complete.
 * The concatenation of all returned frames equals `FbankProcessor.compute` over the concatenated audio.
 * It keeps at most one window of pending samples between calls (plus a scratch buffer sized by the
 * largest chunk seen), so memory does not grow with the stream's length. Pending samples are kept as float32
 * (what decoders produce); float64 chunks are therefore rounded to float32.
 */
export class FbankStream {
  readonly fbank: FbankProcessor;
  private pending: Float32Array;
  private pendingLength = 0;
  private scratch = new Float32Array(0);
  private emitted = 0;
  /** Samples still to drop before the next frame (only when the shift is longer than the window). */
  private skip = 0;

  constructor(options: Partial<FbankOptions> | FbankProcessor = {}) {
    this.fbank = options instanceof FbankProcessor ? options : new FbankProcessor(options);
    this.pending = new Float32Array(this.fbank.options.windowSize);
  }

  get framesEmitted(): number {
    return this.emitted;
  }

  accept(input: Samples): FeatureMatrix {
    const { windowSize, windowShift } = this.fbank.options;
    const dim = this.fbank.dim;
    let chunk = input;
    if (this.skip > 0) {
      const drop = Math.min(this.skip, chunk.length);
      chunk = chunk.subarray(drop);
      this.skip -= drop;
    }
    const total = this.pendingLength + chunk.length;
    const frames = total < windowSize ? 0 : 1 + Math.floor((total - windowSize) / windowShift);
    if (frames === 0) {
      this.append(chunk);
      return { data: new Float32Array(0), frames: 0, dim };
    }
    // Pending samples are fewer than one window, so joining them to the chunk is a small copy.
    if (this.scratch.length < total) this.scratch = new Float32Array(total);
    const joined = this.scratch;
    joined.set(this.pending.subarray(0, this.pendingLength), 0);
    joined.set(chunk, this.pendingLength);
    const data = new Float32Array(frames * dim);
    this.fbank.computeFrames(joined, 0, frames, data, 0);
    const consumed = frames * windowShift;
    const rest = Math.max(0, total - consumed);
    this.skip = Math.max(0, consumed - total);
    if (rest > this.pending.length) this.pending = new Float32Array(rest);
    this.pending.set(joined.subarray(consumed, total), 0);
    this.pendingLength = rest;
    this.emitted += frames;
    return { data, frames, dim };
  }

  /** Forgets pending audio; the next `accept` starts a new signal. */
  reset(): void {
    this.pendingLength = 0;
    this.emitted = 0;
    this.skip = 0;
  }

  private append(chunk: Samples): void {
    const need = this.pendingLength + chunk.length;
    if (need > this.pending.length) {
      const grown = new Float32Array(need);
      grown.set(this.pending.subarray(0, this.pendingLength));
      this.pending = grown;
    }
    this.pending.set(chunk, this.pendingLength);
    this.pendingLength = need;
  }
}
