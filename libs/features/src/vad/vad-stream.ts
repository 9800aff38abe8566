import { EarshotError } from '@earshot/contracts';
import { SileroWindowRunner } from './silero-vad-model.adapter';
import { SpeechSegmenter } from './speech-segmenter';
import { toSampleParams } from './vad-options';
import { VadOptions, VadSegment, VAD_WINDOW } from './vad.types';

/**
 * Silero VAD over 16 kHz mono PCM arriving in chunks of any size. `feed` resolves with the segments completed by
 * that chunk; `flush` ends the stream and resolves with the last one. Calls may overlap: they run in order.
 */
export class VadStream {
  private readonly segmenter: SpeechSegmenter;
  private readonly carry = new Float32Array(VAD_WINDOW);
  private carryLen = 0;
  private total = 0;
  private ended = false;
  private queue: Promise<unknown> = Promise.resolve();
  private busy = false;
  /** Synchronous windows since the event loop last ran. */
  private sinceYield = 0;

  constructor(
    private readonly runner: SileroWindowRunner,
    options: VadOptions,
  ) {
    this.segmenter = new SpeechSegmenter(toSampleParams(options));
  }

  /** Samples accepted so far. */
  get samplesFed(): number {
    return this.total;
  }

  /** The chunk is copied, so the caller may reuse its buffer at once, awaited or not. */
  feed(chunk: Float32Array): Promise<VadSegment[]> {
    return this.accept(chunk, true);
  }

  /**
   * Like `feed`, but reads `chunk` in place until the promise settles: for whole signals (`SileroVad.detect`),
   * where a copy would double the memory.
   */
  feedInPlace(chunk: Float32Array): Promise<VadSegment[]> {
    return this.accept(chunk, false);
  }

  flush(): Promise<VadSegment[]> {
    if (this.ended)
      return Promise.reject(
        new EarshotError('INVALID_ARGUMENT', 'VAD stream already flushed; call reset() first'),
      );
    this.ended = true;
    return this.enqueue(async () => {
      const out: VadSegment[] = [];
      let tail: number | undefined;
      if (this.carryLen > 0) {
        // Like silero's reference: the partial last window is zero-padded and scored.
        const w = this.runner.window;
        w.set(this.carry.subarray(0, this.carryLen));
        w.fill(0, this.carryLen);
        tail = await this.next();
        this.carryLen = 0;
      }
      this.segmenter.flush(this.total, out, tail);
      return out;
    });
  }

  /** Starts a new stream (positions from 0 again) on the same model session. */
  reset(): void {
    if (this.busy)
      throw new EarshotError('INVALID_ARGUMENT', 'Cannot reset a VAD stream while it is processing');
    this.runner.reset();
    this.segmenter.reset();
    this.carryLen = 0;
    this.total = 0;
    this.ended = false;
  }

  private accept(chunk: Float32Array, copy: boolean): Promise<VadSegment[]> {
    if (!(chunk instanceof Float32Array)) {
      return Promise.reject(
        new EarshotError('INVALID_ARGUMENT', 'VAD input must be a Float32Array of 16 kHz samples', 'chunk'),
      );
    }
    if (this.ended)
      return Promise.reject(
        new EarshotError('INVALID_ARGUMENT', 'VAD stream already flushed; call reset() first'),
      );
    const data = copy ? chunk.slice() : chunk;
    return this.enqueue(() => this.consume(data));
  }

  private enqueue(job: () => Promise<VadSegment[]>): Promise<VadSegment[]> {
    const run = this.queue.then(async () => {
      this.busy = true;
      try {
        return await job();
      } finally {
        this.busy = false;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** One window through whichever engine the runner has, counting synchronous runs toward the next yield. */
  private async next(): Promise<number> {
    if (!this.runner.sync) return this.runner.step();
    const p = this.runner.stepSync();
    if (++this.sinceYield >= YIELD_EVERY) {
      this.sinceYield = 0;
      await yieldToEventLoop();
    }
    return p;
  }

  private async consume(src: Float32Array): Promise<VadSegment[]> {
    assertFinite(src);
    const out: VadSegment[] = [];
    const w = this.runner.window;
    const seg = this.segmenter;
    const n = src.length;
    let off = 0;
    if (this.carryLen > 0) {
      const need = VAD_WINDOW - this.carryLen;
      if (n < need) {
        this.carry.set(src, this.carryLen);
        this.carryLen += n;
        this.total += n;
        return out;
      }
      w.set(this.carry.subarray(0, this.carryLen));
      w.set(src.subarray(0, need), this.carryLen);
      seg.push(await this.next(), out);
      this.carryLen = 0;
      off = need;
    }
    if (this.runner.sync) {
      // The hot loop: one native run per window, no promise, a macrotask break every YIELD_EVERY windows.
      const runner = this.runner;
      for (; off + VAD_WINDOW <= n; off += VAD_WINDOW) {
        w.set(src.subarray(off, off + VAD_WINDOW));
        seg.push(runner.stepSync(), out);
        if (++this.sinceYield >= YIELD_EVERY) {
          this.sinceYield = 0;
          await yieldToEventLoop();
        }
      }
    } else {
      for (; off + VAD_WINDOW <= n; off += VAD_WINDOW) {
        w.set(src.subarray(off, off + VAD_WINDOW));
        seg.push(await this.runner.step(), out);
      }
    }
    if (off < n) {
      this.carry.set(src.subarray(off));
      this.carryLen = n - off;
    }
    this.total += n;
    return out;
  }
}

/**
 * Synchronous runs block the event loop; 32 windows (~1 s of audio) take a few ms, so other work (HTTP, queue
 * heartbeats) still gets turns while the per-window macrotask hop of the async API is paid once per 32 windows.
 */
const YIELD_EVERY = 32;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** NaN or ±Infinity would silently poison the recurrent state; `x - x` is 0 only for finite x. */
function assertFinite(src: Float32Array): void {
  for (let i = 0; i < src.length; i++) {
    const x = src[i];
    if (x - x !== 0) {
      throw new EarshotError(
        'AUDIO_BAD_SAMPLES',
        `VAD input has a non-finite sample (${x}) at offset ${i}`,
        'samples',
      );
    }
  }
}
