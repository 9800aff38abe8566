import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { encodeWav, resolveFfmpegPaths, sine } from '@earshot/audio';

/**
 * Hostile uploads, made at test time: real encoded files cut short or lying, WAV headers that claim absurd
 * things, and polyglots. The encoded ones come from a shipped sample through the same ffmpeg the decoder uses.
 */
export interface HostileFixtures {
  wav: Buffer;
  mp3: Buffer;
  flac: Buffer;
  ogg: Buffer;
  /** 384 kHz, 16-bit: legitimate, if unusual. */
  wav384k: Buffer;
  /** Two hours of 8 kHz silence as FLAC: a few tens of kB that decode to 115 M samples at 16 kHz. */
  longSilentFlac: Buffer;
  /** The same with STREAMINFO's sample count zeroed ("unknown"): nothing states the length up front. */
  longSilentFlacNoLength: Buffer;
  /** Float AIFF (the ffmpeg path) holding NaN and infinities. */
  nanAiff: Buffer;
  /** A valid stored ZIP holding index.html. */
  zip: Buffer;
}

export function makeHostileFixtures(sampleWav: string, dir: string): HostileFixtures {
  const { ffmpegPath } = resolveFfmpegPaths();
  const ff = (out: string, ...args: string[]): Buffer => {
    const path = join(dir, out);
    execFileSync(ffmpegPath, ['-nostdin', '-v', 'error', '-y', ...args, path], { stdio: 'pipe' });
    return readFileSync(path);
  };
  const silence = ['-f', 'lavfi', '-i', 'anullsrc=r=8000:cl=mono', '-t', '7200'];
  const longSilentFlac = ff('silent-2h.flac', ...silence, '-c:a', 'flac', '-frame_size', '65535', '-compression_level', '0');
  const nan = join(dir, 'nan.f32.wav');
  writeFileSync(nan, floatWav([0.1, Number.NaN, Number.POSITIVE_INFINITY, -0.2], 16000, 0.5));
  return {
    wav: readFileSync(sampleWav),
    mp3: ff('digits.mp3', '-i', sampleWav, '-c:a', 'libmp3lame', '-b:a', '64k'),
    flac: ff('digits.flac', '-i', sampleWav, '-c:a', 'flac'),
    ogg: ff('digits.ogg', '-i', sampleWav, '-c:a', 'libvorbis', '-q:a', '2'),
    wav384k: ff('digits-384k.wav', '-i', sampleWav, '-ar', '384000', '-c:a', 'pcm_s16le'),
    longSilentFlac,
    longSilentFlacNoLength: flacWithoutLength(longSilentFlac),
    nanAiff: ff('nan.aiff', '-i', nan, '-c:a', 'pcm_f32be', '-f', 'aiff'),
    zip: storedZip('index.html', Buffer.from('<html><body><script>alert(1)</script></body></html>')),
  };
}

/** The first `fraction` of a file: a download or upload cut short. */
export function cut(b: Buffer, fraction: number): Buffer {
  return b.subarray(0, Math.floor(b.length * fraction));
}

/** A canonical 44-byte WAV header over `data`, with every field open to lies. */
export function wavHeader(o: {
  channels: number;
  sampleRate: number;
  bits: number;
  format?: number;
  dataBytes: number;
  data?: Buffer;
}): Buffer {
  const data = o.data ?? Buffer.alloc(0);
  const h = Buffer.alloc(44);
  const blockAlign = (o.channels * o.bits) / 8;
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(Math.min(0xffffffff, 36 + data.length), 4);
  h.write('WAVEfmt ', 8, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(o.format ?? 1, 20);
  h.writeUInt16LE(o.channels, 22);
  h.writeUInt32LE(o.sampleRate, 24);
  h.writeUInt32LE(Math.min(0xffffffff, o.sampleRate * blockAlign), 28);
  h.writeUInt16LE(blockAlign & 0xffff, 32);
  h.writeUInt16LE(o.bits, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(o.dataBytes, 40);
  return Buffer.concat([h, data]);
}

/** A float32 WAV of a quiet tone with `poison` values sprinkled through it. */
export function floatWav(poison: number[], sampleRate: number, seconds: number): Buffer {
  const s = sine(440, sampleRate, seconds, 0.3);
  poison.forEach((v, i) => (s[Math.floor(((i + 1) * s.length) / (poison.length + 1))] = v));
  const bytes = encodeWav([s], { sampleRate, encoding: 'f32' });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A WAV whose LIST chunk carries an HTML page: valid audio that a browser sniffing it would call HTML. */
export function wavWithHtmlChunk(samples: Float32Array): Buffer {
  const bytes = encodeWav([samples], {
    sampleRate: 16000,
    encoding: 's16',
    listBetween: '<html><body><script>alert(document.cookie)</script></body></html>',
  });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Zeroes FLAC STREAMINFO's 36-bit total-samples field (the format's "unknown length"). */
function flacWithoutLength(flac: Buffer): Buffer {
  const b = Buffer.from(flac);
  // "fLaC", a 4-byte block header, then STREAMINFO: total samples are the low 4 bits of byte 13 and bytes 14–17.
  b[8 + 13] &= 0xf0;
  b.fill(0, 8 + 14, 8 + 18);
  return b;
}

/** One stored (uncompressed) entry: a real ZIP any unzip tool opens. */
export function storedZip(name: string, content: Buffer): Buffer {
  const n = Buffer.from(name);
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(10, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(n.length, 28);
  const centralAt = local.length + n.length + content.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + n.length, 12);
  // The offset is relative to where the archive starts; as an appended polyglot, readers scan from the end.
  end.writeUInt32LE(centralAt, 16);
  return Buffer.concat([local, n, content, central, n, end]);
}
