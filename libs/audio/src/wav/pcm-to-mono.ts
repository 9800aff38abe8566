import { PcmLayout } from './wav-format';

/** Float samples outside ±this are not audio (a header pointing float decoding at garbage); NaN and ±Inf likewise. */
export const MAX_FLOAT_MAGNITUDE = 1024;

const S24 = 1 / 8388608;
const S16 = 1 / 32768;
const S32 = 1 / 2147483648;

/**
 * Converts `frames` whole frames of little-endian PCM in `bytes` (starting at offset 0, so typed views are aligned)
 * to mono by averaging channels, into `out`. Returns false if a float sample is NaN, infinite or absurdly large.
 */
export function pcmToMono(bytes: Uint8Array, frames: number, layout: PcmLayout, out: Float32Array): boolean {
  const ch = layout.channels;
  const inv = 1 / ch;
  const n = frames * ch;
  switch (layout.encoding) {
    case 'u8': {
      for (let f = 0, k = 0; f < frames; f++) {
        let acc = 0;
        for (let c = 0; c < ch; c++, k++) acc += bytes[k] - 128;
        out[f] = acc * inv * (1 / 128);
      }
      return true;
    }
    case 's16': {
      const v = new Int16Array(bytes.buffer, bytes.byteOffset, n);
      if (ch === 1) {
        for (let f = 0; f < frames; f++) out[f] = v[f] * S16;
      } else if (ch === 2) {
        for (let f = 0, k = 0; f < frames; f++, k += 2) out[f] = (v[k] + v[k + 1]) * (0.5 * S16);
      } else {
        for (let f = 0, k = 0; f < frames; f++) {
          let acc = 0;
          for (let c = 0; c < ch; c++, k++) acc += v[k];
          out[f] = acc * inv * S16;
        }
      }
      return true;
    }
    case 's24': {
      for (let f = 0, k = 0; f < frames; f++) {
        let acc = 0;
        for (let c = 0; c < ch; c++, k += 3)
          acc += ((bytes[k] | (bytes[k + 1] << 8) | (bytes[k + 2] << 16)) << 8) >> 8;
        out[f] = acc * inv * S24;
      }
      return true;
    }
    case 's32': {
      const v = new Int32Array(bytes.buffer, bytes.byteOffset, n);
      for (let f = 0, k = 0; f < frames; f++) {
        let acc = 0;
        for (let c = 0; c < ch; c++, k++) acc += v[k];
        out[f] = acc * inv * S32;
      }
      return true;
    }
    case 'f32':
    case 'f64': {
      const v =
        layout.encoding === 'f32'
          ? new Float32Array(bytes.buffer, bytes.byteOffset, n)
          : new Float64Array(bytes.buffer, bytes.byteOffset, n);
      let ok = true;
      for (let f = 0, k = 0; f < frames; f++) {
        let acc = 0;
        for (let c = 0; c < ch; c++, k++) {
          const s = v[k];
          // NaN fails every comparison, so this one test catches NaN, ±Inf and garbage magnitudes.
          if (!(s <= MAX_FLOAT_MAGNITUDE && s >= -MAX_FLOAT_MAGNITUDE)) ok = false;
          acc += s;
        }
        out[f] = acc * inv;
      }
      return ok;
    }
  }
}
