import { HalfbandDecimator } from './halfband-decimator';
import { DEFAULT_RESAMPLER_OPTIONS, PolyphaseFilter, ResamplerOptions, gcd } from './polyphase-filter';
import { SampleSink, ScratchSink } from './sample-sink';

export { DEFAULT_RESAMPLER_OPTIONS } from './polyphase-filter';
export type { ResamplerOptions } from './polyphase-filter';

/** Half-band stages are used while the rate is at least this multiple of the output rate. */
const HALFBAND_MIN_RATIO = 2.25;

/**
 * Band-limited streaming resampler. Large downsampling ratios first halve the rate with cheap half-band stages
 * (each keeps everything below the output Nyquist and stops what would fold into it), then one Kaiser-windowed
 * polyphase stage does the exact rational step with the specified passband/stopband. The output is zero-phase
 * (aligned with the input) and exactly ceil(n * out / in) samples long; chunked and one-shot runs give identical
 * samples.
 */
export class Resampler {
  readonly L: number;
  readonly M: number;
  private readonly halfbands: HalfbandDecimator[] = [];
  private readonly scratch: ScratchSink[] = [];
  private readonly last: PolyphaseFilter;
  private inCount = 0;

  constructor(
    readonly inRate: number,
    readonly outRate: number,
    options: ResamplerOptions = {},
  ) {
    if (!(Number.isInteger(inRate) && inRate > 0 && Number.isInteger(outRate) && outRate > 0)) {
      throw new RangeError(`Resampler rates must be positive integers (got ${inRate} -> ${outRate})`);
    }
    const o = { ...DEFAULT_RESAMPLER_OPTIONS, ...options };
    const g = gcd(inRate, outRate);
    this.L = outRate / g;
    this.M = inRate / g;
    let rate = inRate;
    while (rate % 2 === 0 && rate >= HALFBAND_MIN_RATIO * outRate) {
      // A little extra attenuation here is nearly free (the half-band is short) and keeps the cascade within spec.
      this.halfbands.push(new HalfbandDecimator(rate, outRate / 2, o.attenuationDb + 10));
      this.scratch.push(new ScratchSink());
      rate /= 2;
    }
    this.last = new PolyphaseFilter(rate, outRate, o);
  }

  /** Multiplies per output sample, all stages included (a cost figure). */
  get taps(): number {
    let r = this.last.taps;
    let k = this.last.M / this.last.L;
    for (let i = this.halfbands.length - 1; i >= 0; i--) {
      r += this.halfbands[i].cost * k;
      k *= 2;
    }
    return Math.round(r);
  }

  /** Stage layout, for docs and benches: e.g. "halfband 48000->24000, polyphase 24000->16000 (151 taps)". */
  describe(): string {
    let rate = this.inRate;
    const parts = this.halfbands.map((h) => `halfband ${rate}->${(rate /= 2)} (${h.cost} mults)`);
    parts.push(`polyphase ${rate}->${this.outRate} (${this.last.taps} taps)`);
    return parts.join(', ');
  }

  /** Upper bound on the outputs `process` can produce for `n` more inputs. */
  maxOutput(n: number): number {
    return Math.ceil(((this.inCount + n) * this.L) / this.M) + 2;
  }

  /** Total outputs for `nIn` inputs fed in all. */
  static outputLength(nIn: number, inRate: number, outRate: number): number {
    const g = gcd(inRate, outRate);
    return Math.ceil((nIn * (outRate / g)) / (inRate / g));
  }

  process(input: Float32Array, sink: SampleSink): void {
    this.inCount += input.length;
    let x = input;
    for (let i = 0; i < this.halfbands.length; i++) {
      this.scratch[i].reset();
      this.halfbands[i].process(x, this.scratch[i]);
      x = this.scratch[i].view();
    }
    this.last.process(x, sink);
  }

  /** Ends the stream: every stage drains its tail into the next, then the output is cut at the input's end time. */
  flush(sink: SampleSink): void {
    for (let i = 0; i < this.halfbands.length; i++) {
      this.scratch[i].reset();
      this.halfbands[i].flush(this.scratch[i]);
      let x = this.scratch[i].view();
      for (let j = i + 1; j < this.halfbands.length; j++) {
        this.scratch[j].reset();
        this.halfbands[j].process(x, this.scratch[j]);
        x = this.scratch[j].view();
      }
      this.last.process(x, sink);
    }
    this.last.flush(sink, Resampler.outputLength(this.inCount, this.inRate, this.outRate));
  }
}
