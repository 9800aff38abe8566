import { VadSampleParams } from './vad-options';
import { VadSegment, VAD_SAMPLE_RATE, VAD_WINDOW } from './vad.types';

const NONE = -1;

export function makeSegment(startSample: number, endSample: number): VadSegment {
  return { start: startSample / VAD_SAMPLE_RATE, end: endSample / VAD_SAMPLE_RATE, startSample, endSample };
}

/**
 * Turns one speech probability per 512-sample window into segments, as silero's `get_speech_timestamps` does,
 * but online: a segment is emitted as soon as it is known to be complete.
 *
 * Differences from the offline reference, all forced by streaming:
 * - end padding is at most half the silence seen when the segment closes, and start padding never reaches back
 *   over the previous segment's end, so neighbours never overlap;
 * - a segment that would grow past `maxSegmentSamples` (padding included) is cut at its lowest-probability
 *   window in its second half (mid-window); the rest continues as a new segment that is never dropped as too
 *   short, since it is the tail of real speech. If silence had already begun, it simply ends there.
 */
export class SpeechSegmenter {
  private readonly probs: Float32Array;
  private windows = 0;
  private triggered = false;
  private rawStart = 0;
  private paddedStart = 0;
  private continuation = false;
  private tempEnd = NONE;
  private lastEnd = 0;
  /** Samples that really exist: the zero-padded last window must not stretch a segment past the input. */
  private limit = Infinity;

  constructor(private readonly p: VadSampleParams) {
    // Probabilities of the open segment only, indexed by absolute window number modulo the capacity.
    this.probs = new Float32Array(Math.ceil(p.maxSegmentSamples / VAD_WINDOW) + 4);
  }

  /** Samples covered by the windows pushed so far. */
  get position(): number {
    return this.windows * VAD_WINDOW;
  }

  /** Feeds the next window's probability; a completed segment, if any, is appended to `out`. */
  push(prob: number, out: VadSegment[]): void {
    const p = this.p;
    const k = this.windows++;
    const winStart = k * VAD_WINDOW;
    const winEnd = winStart + VAD_WINDOW;

    if (prob >= p.threshold) {
      this.tempEnd = NONE;
      if (!this.triggered) {
        this.triggered = true;
        this.rawStart = winStart;
        this.paddedStart = Math.max(winStart - p.padSamples, this.lastEnd);
        this.continuation = false;
      }
    } else if (prob < p.negThreshold && this.triggered) {
      if (this.tempEnd === NONE) this.tempEnd = winStart;
      if (winStart - this.tempEnd >= p.minSilenceSamples) {
        const pad = Math.min(p.padSamples, Math.floor((winStart - this.tempEnd) / 2));
        this.close(this.tempEnd, this.tempEnd + pad, out);
        return;
      }
    }
    if (!this.triggered) return;
    this.probs[k % this.probs.length] = prob;

    // Split now if one more window could push a natural end (at most this window's end plus padding) past the cap.
    if (winEnd + VAD_WINDOW + p.padSamples - this.paddedStart > p.maxSegmentSamples) {
      if (this.tempEnd !== NONE) {
        const pad = Math.min(p.padSamples, Math.floor((winEnd - this.tempEnd) / 2));
        this.close(this.tempEnd, this.tempEnd + pad, out);
      } else {
        this.cut(k, out);
      }
    }
  }

  /**
   * Ends the stream at `totalSamples`: `tailProb` is the probability of the zero-padded partial last window, if
   * there was one; an open segment is closed at the end (or where its silence began).
   */
  flush(totalSamples: number, out: VadSegment[], tailProb?: number): void {
    this.limit = totalSamples;
    if (tailProb !== undefined) this.push(tailProb, out);
    if (this.triggered) {
      const rawEnd = this.tempEnd !== NONE ? this.tempEnd : totalSamples;
      this.close(rawEnd, Math.min(rawEnd + this.p.padSamples, totalSamples), out);
    }
    this.reset();
  }

  reset(): void {
    this.windows = 0;
    this.triggered = false;
    this.rawStart = 0;
    this.paddedStart = 0;
    this.continuation = false;
    this.tempEnd = NONE;
    this.lastEnd = 0;
    this.limit = Infinity;
  }

  private close(rawEnd: number, paddedEnd: number, out: VadSegment[]): void {
    const end = Math.min(paddedEnd, this.limit);
    if ((this.continuation || rawEnd - this.rawStart > this.p.minSpeechSamples) && end > this.paddedStart) {
      out.push(makeSegment(this.paddedStart, end));
      this.lastEnd = end;
    }
    this.triggered = false;
    this.tempEnd = NONE;
  }

  private cut(k: number, out: VadSegment[]): void {
    const half = VAD_WINDOW / 2;
    const firstWindow = Math.ceil((this.paddedStart + this.p.maxSegmentSamples / 2 - half) / VAD_WINDOW);
    const lo = Math.min(Math.max(firstWindow, Math.ceil(this.rawStart / VAD_WINDOW)), k);
    let best = k;
    let bestProb = Infinity;
    for (let w = lo; w <= k; w++) {
      const pr = this.probs[w % this.probs.length];
      if (pr < bestProb) {
        bestProb = pr;
        best = w;
      }
    }
    const cutAt = Math.min(best * VAD_WINDOW + half, this.limit);
    out.push(makeSegment(this.paddedStart, cutAt));
    this.lastEnd = cutAt;
    this.rawStart = cutAt;
    this.paddedStart = cutAt;
    this.continuation = true;
  }
}
