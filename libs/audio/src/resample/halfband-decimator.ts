import { SampleSink } from './sample-sink';
import { besselI0, kaiserBeta, kaiserLength } from './kaiser';

const STEP = 8192;

/**
 * Decimation by 2 with a Kaiser-windowed half-band FIR: every other tap is zero and the filter is symmetric, so an
 * output costs about a quarter of the taps in multiplies. Used before the polyphase stage when the input rate is
 * well above twice the output rate: there the polyphase filter would need a very long, narrow-transition kernel.
 * Output m sits at input time 2m (zero phase), so stages stay aligned.
 */
export class HalfbandDecimator {
  /** Odd-tap coefficients c[k] for offsets ±(2k+1); the centre tap is 0.5. */
  private readonly c: Float64Array;
  /** Offset of the farthest tap: 2K-1. */
  private readonly reach: number;
  private readonly buf: Float32Array;
  private bufStart: number;
  private bufLen: number;
  /** Input index of the next output's centre (always even). */
  private centre = 0;
  private inCount = 0;

  /**
   * @param passHz everything up to here passes; everything from `rate/2 - passHz` up is stopped (it would fold below passHz)
   */
  constructor(rate: number, passHz: number, attenuationDb: number) {
    const delta = (rate / 2 - 2 * passHz) / rate;
    if (!(delta > 0))
      throw new RangeError(`Half-band stage needs rate > 4 x passband (got ${rate} Hz, ${passHz} Hz)`);
    const len = kaiserLength(attenuationDb, delta);
    const K = Math.max(1, Math.ceil((len / 2 + 1) / 2));
    this.reach = 2 * K - 1;
    const beta = kaiserBeta(attenuationDb);
    const i0b = besselI0(beta);
    const half = this.reach + 1;
    this.c = new Float64Array(K);
    let sum = 0.5;
    for (let k = 0; k < K; k++) {
      const n = 2 * k + 1;
      const x = n / 2;
      const r = n / half;
      this.c[k] =
        ((0.5 * Math.sin(Math.PI * x)) / (Math.PI * x)) * (besselI0(beta * Math.sqrt(1 - r * r)) / i0b);
      sum += 2 * this.c[k];
    }
    // Unit DC gain.
    for (let k = 0; k < K; k++) this.c[k] /= sum;
    this.centreTap = 0.5 / sum;
    this.buf = new Float32Array(2 * this.reach + 2 + STEP);
    this.bufLen = this.reach;
    this.bufStart = -this.reach;
  }

  private readonly centreTap: number;

  /** Multiplies per output (a cost figure). */
  get cost(): number {
    return this.c.length + 1;
  }

  process(input: Float32Array, sink: SampleSink): void {
    let pos = 0;
    while (pos < input.length) {
      const n = Math.min(this.buf.length - this.bufLen, input.length - pos);
      this.buf.set(input.subarray(pos, pos + n), this.bufLen);
      this.bufLen += n;
      this.inCount += n;
      pos += n;
      this.run(sink, Number.POSITIVE_INFINITY);
      this.compact();
    }
  }

  /** Pads with silence and emits outputs for every even input time up to the end: ceil(n/2) in all. */
  flush(sink: SampleSink): void {
    const total = Math.ceil(this.inCount / 2);
    while (this.centre / 2 < total) {
      const room = this.buf.length - this.bufLen;
      this.buf.fill(0, this.bufLen, this.bufLen + room);
      this.bufLen += room;
      this.run(sink, total);
      this.compact();
    }
  }

  private run(sink: SampleSink, totalLimit: number): void {
    const available = this.bufStart + this.bufLen;
    let count = Math.floor((available - 1 - this.reach - this.centre) / 2) + 1;
    if (Number.isFinite(totalLimit)) count = Math.min(count, totalLimit - this.centre / 2);
    if (count <= 0) return;
    const { array: out, offset } = sink.reserve(count);
    const { buf, c, centreTap } = this;
    const K = c.length;
    let ci = this.centre - this.bufStart;
    for (let m = 0; m < count; m++, ci += 2) {
      let acc = centreTap * buf[ci];
      for (let k = 0; k < K; k++) {
        const d = 2 * k + 1;
        acc += c[k] * (buf[ci - d] + buf[ci + d]);
      }
      out[offset + m] = acc;
    }
    sink.commit(count);
    this.centre += 2 * count;
  }

  private compact(): void {
    const drop = Math.min(this.centre - this.reach - this.bufStart, this.bufLen);
    if (drop <= 0) return;
    this.buf.copyWithin(0, drop, this.bufLen);
    this.bufLen -= drop;
    this.bufStart += drop;
  }
}
