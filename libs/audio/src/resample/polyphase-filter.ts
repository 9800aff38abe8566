import { SampleSink } from './sample-sink';
import { besselI0, kaiserBeta, kaiserDelta, kaiserLength } from './kaiser';

export interface ResamplerOptions {
  /** Passband edge as a fraction of the lower of the two Nyquist frequencies. */
  passband?: number;
  /** Stopband edge as a fraction of the lower Nyquist (1 = nothing aliases below the output Nyquist). */
  stopband?: number;
  /** Stopband attenuation in dB (sets the Kaiser beta and, with the transition width, the length). */
  attenuationDb?: number;
}

export const DEFAULT_RESAMPLER_OPTIONS: Required<ResamplerOptions> = Object.freeze({
  passband: 0.9,
  stopband: 1.0,
  attenuationDb: 80,
});

/**
 * Above this many coefficients (phases x taps) the table holds a finer prototype instead and taps are interpolated
 * between neighbouring phases (odd rates like 44 101 Hz would otherwise need 16 000 phases).
 */
const MAX_EXACT_COEFS = 1 << 18;
const INTERPOLATED_PHASES = 256;
/** Input samples buffered per step, besides the filter history. */
const STEP = 8192;

interface FilterTable {
  /** Taps per output sample. */
  taps: number;
  /** Half the taps: output at input time t uses inputs floor(t)-half+1 .. floor(t)+half. */
  half: number;
  /** Exact mode: L phases; interpolated mode: INTERPOLATED_PHASES + 1 phases. */
  phases: number;
  coefs: Float32Array;
  exact: boolean;
}

const tableCache = new Map<string, FilterTable>();
const TABLE_CACHE_MAX = 16;

export function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * One band-limited resampling stage: a Kaiser-windowed sinc evaluated as a polyphase filter bank at the exact rational
 * ratio out/in (L/M in lowest terms). Output sample n sits at input time n*M/L, so the filter is zero-phase and the
 * output is aligned with the input (no delay to trim). State carries across `process` calls, so a file can be
 * resampled chunk by chunk with the same result as in one go.
 */
export class PolyphaseFilter {
  readonly L: number;
  readonly M: number;
  private readonly table: FilterTable;
  private readonly buf: Float32Array;
  /** Input index of buf[0]; starts negative: the signal is zero before sample 0. */
  private bufStart: number;
  private bufLen: number;
  /** Next output's input position is i + p/L. */
  private i = 0;
  private p = 0;
  private outCount = 0;
  private inCount = 0;

  constructor(
    readonly inRate: number,
    readonly outRate: number,
    options: ResamplerOptions = {},
  ) {
    if (!(Number.isInteger(inRate) && inRate > 0 && Number.isInteger(outRate) && outRate > 0)) {
      throw new RangeError(`Resampler rates must be positive integers (got ${inRate} -> ${outRate})`);
    }
    const g = gcd(inRate, outRate);
    this.L = outRate / g;
    this.M = inRate / g;
    this.table = getTable(this.L, this.M, { ...DEFAULT_RESAMPLER_OPTIONS, ...options });
    this.buf = new Float32Array(this.table.taps + STEP);
    // Zero history so the first outputs see silence before the signal starts.
    this.bufLen = this.table.half - 1;
    this.bufStart = -this.bufLen;
  }

  /** Taps per output sample (a cost figure). */
  get taps(): number {
    return this.table.taps;
  }

  process(input: Float32Array, sink: SampleSink): void {
    let pos = 0;
    while (pos < input.length) {
      const room = this.buf.length - this.bufLen;
      const n = Math.min(room, input.length - pos);
      this.buf.set(input.subarray(pos, pos + n), this.bufLen);
      this.bufLen += n;
      this.inCount += n;
      pos += n;
      this.run(sink, Number.POSITIVE_INFINITY);
      this.compact();
    }
  }

  /** Ends the stream: pads with silence and emits the outputs up to the input's end time (or `total` in all). */
  flush(sink: SampleSink, total = Math.ceil((this.inCount * this.L) / this.M)): void {
    while (this.outCount < total) {
      const room = this.buf.length - this.bufLen;
      this.buf.fill(0, this.bufLen, this.bufLen + room);
      this.bufLen += room;
      this.run(sink, total);
      this.compact();
    }
  }

  private run(sink: SampleSink, limit: number): void {
    const { taps: T, half: H, coefs, exact, phases } = this.table;
    const { L, M, buf } = this;
    const available = this.bufStart + this.bufLen; // inputs [.., available) are present
    // Outputs whose last tap is present: i + H < available.
    let count = 0;
    {
      // Count ahead so the sink is reserved once.
      let i = this.i;
      let p = this.p;
      let o = this.outCount;
      while (i + H < available && o < limit) {
        count++;
        o++;
        p += M;
        if (p >= L) {
          i += Math.floor(p / L);
          p %= L;
        }
      }
    }
    if (count === 0) return;
    const { array: out, offset } = sink.reserve(count);
    let i = this.i;
    let p = this.p;
    const start = this.bufStart;
    for (let k = 0; k < count; k++) {
      const base = i - H + 1 - start;
      let acc = 0;
      if (exact) {
        const c = p * T;
        let j = 0;
        for (; j + 3 < T; j += 4) {
          acc +=
            buf[base + j] * coefs[c + j] +
            buf[base + j + 1] * coefs[c + j + 1] +
            buf[base + j + 2] * coefs[c + j + 2] +
            buf[base + j + 3] * coefs[c + j + 3];
        }
        for (; j < T; j++) acc += buf[base + j] * coefs[c + j];
      } else {
        const pos = (p / L) * (phases - 1);
        const ph = Math.min(phases - 2, Math.floor(pos));
        const w = pos - ph;
        const c0 = ph * T;
        const c1 = c0 + T;
        let a0 = 0;
        let a1 = 0;
        for (let j = 0; j < T; j++) {
          const x = buf[base + j];
          a0 += x * coefs[c0 + j];
          a1 += x * coefs[c1 + j];
        }
        acc = a0 + (a1 - a0) * w;
      }
      out[offset + k] = acc;
      p += M;
      if (p >= L) {
        i += Math.floor(p / L);
        p %= L;
      }
    }
    sink.commit(count);
    this.i = i;
    this.p = p;
    this.outCount += count;
  }

  /** Drops inputs no future output needs (those before i - H + 1). */
  private compact(): void {
    const keepFrom = this.i - this.table.half + 1 - this.bufStart;
    if (keepFrom <= 0) return;
    const drop = Math.min(keepFrom, this.bufLen);
    this.buf.copyWithin(0, drop, this.bufLen);
    this.bufLen -= drop;
    this.bufStart += drop;
  }
}

function getTable(L: number, M: number, o: Required<ResamplerOptions>): FilterTable {
  const key = `${L}/${M}/${o.passband}/${o.stopband}/${o.attenuationDb}`;
  const hit = tableCache.get(key);
  if (hit) {
    tableCache.delete(key);
    tableCache.set(key, hit);
    return hit;
  }
  const table = buildTable(L, M, o);
  tableCache.set(key, table);
  if (tableCache.size > TABLE_CACHE_MAX) tableCache.delete(tableCache.keys().next().value as string);
  return table;
}

/** Tap caps: beyond these the transition band widens instead (only for inputs above ~650 kHz, or odd rates above ~160 kHz). */
const MAX_TAPS_EXACT = 4096;
const MAX_TAPS_INTERPOLATED = 1024;

function buildTable(L: number, M: number, o: Required<ResamplerOptions>): FilterTable {
  // Frequencies in cycles per input sample; the lower Nyquist is 0.5 * min(1, L/M).
  const nyq = 0.5 * Math.min(1, L / M);
  const fs = o.stopband * nyq;
  const beta = kaiserBeta(o.attenuationDb);
  const wanted = Math.max(4, kaiserLength(o.attenuationDb, (o.stopband - o.passband) * nyq));
  let exact = L * 2 * Math.ceil(wanted / 2) <= MAX_EXACT_COEFS;
  let len = Math.min(wanted, exact ? MAX_TAPS_EXACT : MAX_TAPS_INTERPOLATED);
  if (exact && L * 2 * Math.ceil(len / 2) > MAX_EXACT_COEFS) {
    exact = false;
    len = Math.min(len, MAX_TAPS_INTERPOLATED);
  }
  // A capped length keeps the stopband edge and attenuation and gives up passband width.
  const delta = kaiserDelta(o.attenuationDb, len);
  const fc = fs - delta / 2;
  const halfLen = len / 2;
  const half = Math.ceil(halfLen);
  const taps = 2 * half;
  const phases = exact ? L : INTERPOLATED_PHASES + 1;
  const coefs = new Float32Array(phases * taps);
  const i0b = besselI0(beta);
  const h = (tau: number): number => {
    const r = tau / halfLen;
    if (r <= -1 || r >= 1) return 0;
    const x = 2 * fc * tau;
    const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    return 2 * fc * sinc * (besselI0(beta * Math.sqrt(1 - r * r)) / i0b);
  };
  // Interpolated mode samples the (even) prototype once on a 1/P grid and reads rows out of it.
  const P = INTERPOLATED_PHASES;
  const proto = exact ? null : new Float64Array(P * half + P + 1);
  if (proto) for (let m = 0; m < proto.length; m++) proto[m] = h(m / P);
  const row = new Float64Array(taps);
  for (let ph = 0; ph < phases; ph++) {
    let sum = 0;
    for (let j = 0; j < taps; j++) {
      // Distance from the output instant to input tap j.
      const v = proto ? proto[Math.abs(ph + P * (half - 1 - j))] : h(ph / L + half - 1 - j);
      row[j] = v;
      sum += v;
    }
    // Unit DC gain in every phase, so constant input stays constant.
    for (let j = 0; j < taps; j++) coefs[ph * taps + j] = row[j] / sum;
  }
  return { taps, half, phases, coefs, exact };
}
