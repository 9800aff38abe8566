import { SampleEncoding, bytesPerSample } from './wav-format';

export interface WavWriteOptions {
  sampleRate: number;
  encoding: SampleEncoding;
  /** Write WAVE_FORMAT_EXTENSIBLE (fmt of 40 bytes with the subformat GUID). */
  extensible?: boolean;
  /** Extra chunks placed before fmt and between fmt and data (to exercise chunk walking). */
  junkBefore?: number;
  listBetween?: string;
}

/**
 * A small WAV writer (tests, fixtures, benchmarks, generated uploads): `channels` is one Float32Array per channel (values in [-1, 1]).
 * Integer encodings round and clip like common writers do.
 */
export function encodeWav(channels: Float32Array[], o: WavWriteOptions): Uint8Array {
  const ch = channels.length;
  const frames = ch ? channels[0].length : 0;
  const bps = bytesPerSample(o.encoding);
  const blockAlign = bps * ch;
  const dataBytes = frames * blockAlign;
  const fmtSize = o.extensible ? 40 : o.encoding === 'f32' || o.encoding === 'f64' ? 18 : 16;
  const junk = o.junkBefore ?? 0;
  const list = o.listBetween ? new TextEncoder().encode(o.listBetween) : null;
  const listChunk = list ? 8 + list.length + (list.length & 1) : 0;
  const junkChunk = junk ? 8 + junk + (junk & 1) : 0;
  const total = 12 + junkChunk + 8 + fmtSize + listChunk + 8 + dataBytes + (dataBytes & 1);
  const buf = new Uint8Array(total);
  const v = new DataView(buf.buffer);
  let p = 0;
  const str = (s: string) => {
    for (let i = 0; i < s.length; i++) buf[p++] = s.charCodeAt(i);
  };
  str('RIFF');
  v.setUint32(p, total - 8, true);
  p += 4;
  str('WAVE');
  if (junk) {
    str('JUNK');
    v.setUint32(p, junk, true);
    p += 4 + junk + (junk & 1);
  }
  str('fmt ');
  v.setUint32(p, fmtSize, true);
  p += 4;
  const isFloat = o.encoding === 'f32' || o.encoding === 'f64';
  v.setUint16(p, o.extensible ? 0xfffe : isFloat ? 3 : 1, true);
  v.setUint16(p + 2, ch, true);
  v.setUint32(p + 4, o.sampleRate, true);
  v.setUint32(p + 8, o.sampleRate * blockAlign, true);
  v.setUint16(p + 12, blockAlign, true);
  v.setUint16(p + 14, bps * 8, true);
  if (fmtSize >= 18) v.setUint16(p + 16, fmtSize - 18, true);
  if (o.extensible) {
    v.setUint16(p + 18, bps * 8, true);
    v.setUint32(p + 20, ch === 2 ? 3 : ch === 1 ? 4 : 0, true);
    v.setUint16(p + 24, isFloat ? 3 : 1, true);
    const tail = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];
    buf.set(tail, p + 26);
  }
  p += fmtSize;
  if (list) {
    str('LIST');
    v.setUint32(p, list.length, true);
    p += 4;
    buf.set(list, p);
    p += list.length + (list.length & 1);
  }
  str('data');
  v.setUint32(p, dataBytes, true);
  p += 4;
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < ch; c++) {
      writeSample(v, p, channels[c][f], o.encoding);
      p += bps;
    }
  }
  return buf;
}

function writeSample(v: DataView, p: number, x: number, e: SampleEncoding): void {
  const clip = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(n)));
  switch (e) {
    case 'u8':
      v.setUint8(p, clip(x * 128 + 128, 0, 255));
      return;
    case 's16':
      v.setInt16(p, clip(x * 32768, -32768, 32767), true);
      return;
    case 's24': {
      const n = clip(x * 8388608, -8388608, 8388607);
      v.setUint8(p, n & 0xff);
      v.setUint8(p + 1, (n >> 8) & 0xff);
      v.setUint8(p + 2, (n >> 16) & 0xff);
      return;
    }
    case 's32':
      v.setInt32(p, clip(x * 2147483648, -2147483648, 2147483647), true);
      return;
    case 'f32':
      v.setFloat32(p, x, true);
      return;
    case 'f64':
      v.setFloat64(p, x, true);
      return;
  }
}

/** A sine of `freq` Hz, `seconds` long, amplitude `amp`. */
export function sine(freq: number, sampleRate: number, seconds: number, amp = 0.5): Float32Array {
  const n = Math.round(sampleRate * seconds);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = amp * Math.sin((2 * Math.PI * freq * i) / sampleRate);
  return out;
}
