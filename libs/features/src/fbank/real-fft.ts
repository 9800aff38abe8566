/**
 * Power spectrum of a real signal of length N (a power of two >= 4) through one N/2-point complex FFT
 * ("packed real" trick): z[n] = x[2n] + i·x[2n+1], then a split step recovers X[k] for k = 0..N/2.
 * Twiddles and the bit-reversal permutation are precomputed; the caller writes its input straight into
 * the bit-reversed split-complex buffers (`re`, `im`) so no extra copy or permutation pass is needed.
 */
export class RealFft {
  readonly size: number;
  readonly half: number;
  /** Input (bit-reversed, packed) and work buffers of the half-size complex FFT. */
  readonly re: Float64Array;
  readonly im: Float64Array;
  /** `bitrev[n]` is where packed sample pair n goes. */
  readonly bitrev: Uint32Array;
  // Per-stage twiddles laid out contiguously: for the stage with half-length h they are at [h-1, 2h-1).
  private readonly twRe: Float64Array;
  private readonly twIm: Float64Array;
  // Split-step twiddles, pre-halved: 0.5·cos(2πk/N) and 0.5·sin(2πk/N).
  private readonly splitCos: Float64Array;
  private readonly splitSin: Float64Array;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 4 || (size & (size - 1)) !== 0) {
      throw new RangeError(`RealFft size must be a power of two >= 4, got ${size}`);
    }
    this.size = size;
    const m = size >> 1;
    this.half = m;
    this.re = new Float64Array(m);
    this.im = new Float64Array(m);
    this.bitrev = new Uint32Array(m);
    const bits = Math.log2(m);
    for (let i = 0; i < m; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.bitrev[i] = r;
    }
    this.twRe = new Float64Array(Math.max(1, m - 1));
    this.twIm = new Float64Array(Math.max(1, m - 1));
    for (let h = 1; h < m; h *= 2) {
      for (let j = 0; j < h; j++) {
        const ang = (-Math.PI * j) / h;
        this.twRe[h - 1 + j] = Math.cos(ang);
        this.twIm[h - 1 + j] = Math.sin(ang);
      }
    }
    this.splitCos = new Float64Array(m + 1);
    this.splitSin = new Float64Array(m + 1);
    for (let k = 0; k <= m; k++) {
      const ang = (2 * Math.PI * k) / size;
      this.splitCos[k] = 0.5 * Math.cos(ang);
      this.splitSin[k] = 0.5 * Math.sin(ang);
    }
  }

  /**
   * Runs the FFT on `re`/`im` (already filled in bit-reversed order) and writes |X[k]|² for k = 0..numBins-1
   * into `power` (numBins <= N/2 + 1). Destroys `re`/`im`.
   */
  powerSpectrum(power: Float64Array, numBins: number): void {
    const re = this.re;
    const im = this.im;
    const m = this.half;
    const twRe = this.twRe;
    const twIm = this.twIm;
    // Stage h = 1: twiddle 1.
    for (let i = 0; i < m; i += 2) {
      const ar = re[i],
        ai = im[i],
        br = re[i + 1],
        bi = im[i + 1];
      re[i] = ar + br;
      im[i] = ai + bi;
      re[i + 1] = ar - br;
      im[i + 1] = ai - bi;
    }
    // Stage h = 2: twiddles 1 and -i.
    if (m >= 4) {
      for (let i = 0; i < m; i += 4) {
        const ar = re[i],
          ai = im[i],
          br = re[i + 2],
          bi = im[i + 2];
        re[i] = ar + br;
        im[i] = ai + bi;
        re[i + 2] = ar - br;
        im[i + 2] = ai - bi;
        const cr = re[i + 1],
          ci = im[i + 1],
          dr = im[i + 3],
          di = -re[i + 3];
        re[i + 1] = cr + dr;
        im[i + 1] = ci + di;
        re[i + 3] = cr - dr;
        im[i + 3] = ci - di;
      }
    }
    // Remaining stages two at a time (radix-2² butterflies: 3 complex multiplies per 4 points and half the
    // passes over memory); one radix-2 stage at the end when their number is odd.
    let h = 4;
    for (; h * 4 <= m; h *= 4) {
      const step = h * 4;
      const t1 = 2 * h - 1; // W_{4h}^j
      const t2 = h - 1; // W_{2h}^j = W_{4h}^{2j}
      for (let j = 0; j < h; j++) {
        const w1r = twRe[t1 + j],
          w1i = twIm[t1 + j];
        const w2r = twRe[t2 + j],
          w2i = twIm[t2 + j];
        for (let a = j; a < m; a += step) {
          const b = a + h,
            c = b + h,
            d = c + h;
          const br = re[b],
            bi = im[b],
            dr = re[d],
            di = im[d];
          const xbr = w2r * br - w2i * bi,
            xbi = w2r * bi + w2i * br;
          const xdr = w2r * dr - w2i * di,
            xdi = w2r * di + w2i * dr;
          const ar = re[a],
            ai = im[a],
            cr = re[c],
            ci = im[c];
          const Ar = ar + xbr,
            Ai = ai + xbi,
            Br = ar - xbr,
            Bi = ai - xbi;
          const Cr = cr + xdr,
            Ci = ci + xdi,
            Dr = cr - xdr,
            Di = ci - xdi;
          const ur = w1r * Cr - w1i * Ci,
            ui = w1r * Ci + w1i * Cr;
          // W_{4h}^{j+h} = -i·W_{4h}^j
          const vr = w1r * Di + w1i * Dr,
            vi = w1i * Di - w1r * Dr;
          re[a] = Ar + ur;
          im[a] = Ai + ui;
          re[c] = Ar - ur;
          im[c] = Ai - ui;
          re[b] = Br + vr;
          im[b] = Bi + vi;
          re[d] = Br - vr;
          im[d] = Bi - vi;
        }
      }
    }
    if (h < m) {
      const step = h * 2;
      const tw0 = h - 1;
      for (let j = 0; j < h; j++) {
        const wr = twRe[tw0 + j];
        const wi = twIm[tw0 + j];
        for (let i = j; i < m; i += step) {
          const k = i + h;
          const xr = re[k],
            xi = im[k];
          const tr = wr * xr - wi * xi;
          const ti = wr * xi + wi * xr;
          const ur = re[i],
            ui = im[i];
          re[i] = ur + tr;
          im[i] = ui + ti;
          re[k] = ur - tr;
          im[k] = ui - ti;
        }
      }
    }
    // Split: X[k] = E[k] + W^k·O[k] with E = (Z[k] + conj Z[m-k]) / 2, O = (Z[k] - conj Z[m-k]) / 2i.
    const z0r = re[0],
      z0i = im[0];
    if (numBins > 0) power[0] = (z0r + z0i) * (z0r + z0i);
    const last = numBins > m ? m : numBins - 1;
    const cs = this.splitCos;
    const sn = this.splitSin;
    for (let k = 1; k <= last && k < m; k++) {
      const ar = re[k],
        ai = im[k];
      const br = re[m - k],
        bi = -im[m - k];
      const sr = ar + br,
        si = ai + bi; // 2·E
      const dr = ar - br,
        di = ai - bi; // 2·(Z[k] - conj Z[m-k]) ⇒ O·2 = (di - i·dr)
      const c = cs[k],
        s = sn[k]; // W^k / 2 = c - i·s
      const xr = 0.5 * sr + c * di - s * dr;
      const xi = 0.5 * si - c * dr - s * di;
      power[k] = xr * xr + xi * xi;
    }
    if (numBins > m) power[m] = (z0r - z0i) * (z0r - z0i);
  }
}
