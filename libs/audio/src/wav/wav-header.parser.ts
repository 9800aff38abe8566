import { ByteSource, readFully } from '../io/byte-source';
import { audioError } from '../audio-errors';
import {
  FFMPEG_WAV_TAGS,
  MAX_CHANNELS,
  MAX_SAMPLE_RATE,
  MIN_SAMPLE_RATE,
  SampleEncoding,
  WAVE_FORMAT_EXTENSIBLE,
  WAVE_FORMAT_IEEE_FLOAT,
  WAVE_FORMAT_PCM,
  WavFormat,
} from './wav-format';

/** Streaming writers put these in the data size when they cannot seek back: "until the end of the file". */
const OPEN_ENDED_SIZES = new Set([0xffffffff, 0x7ffff000, 0x7fffffff]);
/** A file needing more chunk hops than this is not a WAV anyone wrote on purpose. */
const MAX_CHUNKS = 4096;
/** fmt is 16, 18 or 40 bytes in practice; anything huge is corrupt. */
const MAX_FMT_SIZE = 1024;

/** The tail of the KSDATAFORMAT_SUBTYPE_* GUIDs (after the 2-byte format code and 2 zero bytes). */
const SUBFORMAT_GUID_TAIL = [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

/** Thrown (as details.ffmpegFallback) when a valid WAV uses a codec only ffmpeg decodes. */
export interface WavFallbackDetails {
  ffmpegFallback: true;
  formatTag: number;
}

export function isRiffWave(head: Uint8Array): boolean {
  return head.length >= 12 && ascii(head, 0) === 'RIFF' && ascii(head, 8) === 'WAVE';
}

/**
 * Walks the RIFF chunks (any order, odd sizes padded, unknown chunks skipped) to the fmt and data chunks, and checks
 * every header value before anything is allocated for samples.
 */
export async function parseWavHeader(src: ByteSource): Promise<WavFormat> {
  const size = src.size;
  if (size === 0) throw audioError('AUDIO_EMPTY', 'The audio file is empty');
  const head = new Uint8Array(12);
  const got = await readFully(src, head, 0, 12);
  if (got < 12 || ascii(head, 0) !== 'RIFF') {
    if (got >= 4 && ascii(head, 0) === 'RIFF')
      throw audioError('AUDIO_TRUNCATED', 'The WAV header is cut short');
    throw audioError('AUDIO_NOT_AUDIO', 'Not a WAV file');
  }
  if (ascii(head, 8) !== 'WAVE') throw audioError('AUDIO_NOT_AUDIO', 'A RIFF file that is not WAVE audio');

  let fmt: DataView | null = null;
  let dataOffset = -1;
  let dataDeclared = -1;
  let pos = 12;
  const hdr = new Uint8Array(8);
  for (let hops = 0; ; hops++) {
    if (hops > MAX_CHUNKS) throw audioError('AUDIO_BAD_HEADER', 'The WAV file has too many chunks');
    if (fmt && dataOffset >= 0) break;
    if (pos + 8 > size) break;
    await readFully(src, hdr, pos, 8);
    const id = ascii(hdr, 0);
    const chunkSize = new DataView(hdr.buffer).getUint32(4, true);
    const body = pos + 8;
    if (id === 'fmt ') {
      if (chunkSize < 16)
        throw audioError(
          'AUDIO_BAD_HEADER',
          `The WAV fmt chunk is ${chunkSize} bytes; at least 16 are needed`,
        );
      if (chunkSize > MAX_FMT_SIZE)
        throw audioError('AUDIO_BAD_HEADER', `The WAV fmt chunk is ${chunkSize} bytes`);
      if (body + chunkSize > size) throw audioError('AUDIO_TRUNCATED', 'The WAV fmt chunk is cut short');
      const b = new Uint8Array(chunkSize);
      await readFully(src, b, body, chunkSize);
      fmt = new DataView(b.buffer);
    } else if (id === 'data') {
      dataOffset = body;
      dataDeclared = chunkSize;
      if (OPEN_ENDED_SIZES.has(chunkSize)) break;
    }
    pos = body + chunkSize + (chunkSize & 1);
  }

  if (!fmt) {
    if (dataOffset < 0 && pos < size)
      throw audioError('AUDIO_TRUNCATED', 'The WAV file ends inside a chunk header');
    throw audioError('AUDIO_BAD_HEADER', 'The WAV file has no fmt chunk');
  }
  const layout = readFmt(fmt);
  if (dataOffset < 0) {
    if (pos > size) throw audioError('AUDIO_TRUNCATED', 'The WAV file ends before its data chunk');
    throw audioError('AUDIO_EMPTY', 'The WAV file has no data chunk');
  }
  const available = Math.max(0, size - dataOffset);
  let dataBytes: number;
  if (OPEN_ENDED_SIZES.has(dataDeclared)) {
    dataBytes = available;
  } else {
    if (dataDeclared > available) {
      throw audioError(
        'AUDIO_TRUNCATED',
        `The WAV data chunk claims ${dataDeclared} bytes but the file holds ${available}`,
        {
          declared: dataDeclared,
          available,
        },
      );
    }
    dataBytes = dataDeclared;
  }
  const frames = Math.floor(dataBytes / layout.blockAlign);
  if (frames === 0) throw audioError('AUDIO_EMPTY', 'The WAV file holds no samples');
  return { ...layout, dataOffset, dataBytes: frames * layout.blockAlign, frames };
}

function readFmt(v: DataView): Omit<WavFormat, 'dataOffset' | 'dataBytes' | 'frames'> {
  let tag = v.getUint16(0, true);
  const channels = v.getUint16(2, true);
  const sampleRate = v.getUint32(4, true);
  const blockAlign = v.getUint16(12, true);
  // wBitsPerSample sizes the container; WAVE_FORMAT_EXTENSIBLE may say fewer bits are significant.
  const bits = v.getUint16(14, true);
  let validBits = bits;
  if (channels === 0) throw audioError('AUDIO_ZERO_CHANNELS', 'The WAV header says 0 channels');
  if (channels > MAX_CHANNELS)
    throw audioError(
      'AUDIO_BAD_HEADER',
      `The WAV header says ${channels} channels (at most ${MAX_CHANNELS})`,
    );
  if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
    throw audioError(
      'AUDIO_BAD_HEADER',
      `The WAV header says ${sampleRate} Hz (accepted: ${MIN_SAMPLE_RATE}–${MAX_SAMPLE_RATE})`,
    );
  }
  if (tag === WAVE_FORMAT_EXTENSIBLE) {
    if (v.byteLength < 40 || v.getUint16(16, true) < 22) {
      throw audioError('AUDIO_BAD_HEADER', 'WAVE_FORMAT_EXTENSIBLE header is shorter than 40 bytes');
    }
    const valid = v.getUint16(18, true);
    for (let i = 0; i < SUBFORMAT_GUID_TAIL.length; i++) {
      if (v.getUint8(28 + i) !== SUBFORMAT_GUID_TAIL[i]) {
        throw audioError(
          'AUDIO_UNSUPPORTED_CODEC',
          'WAVE_FORMAT_EXTENSIBLE with a subformat that is not a standard audio GUID',
        );
      }
    }
    tag = v.getUint16(24, true);
    if (valid !== 0) {
      if (valid > bits)
        throw audioError('AUDIO_BAD_HEADER', `WAV valid bits (${valid}) exceed the container (${bits})`);
      validBits = valid;
    }
  }
  if (tag !== WAVE_FORMAT_PCM && tag !== WAVE_FORMAT_IEEE_FLOAT) {
    const details: WavFallbackDetails | undefined = FFMPEG_WAV_TAGS.has(tag)
      ? { ffmpegFallback: true, formatTag: tag }
      : undefined;
    throw audioError(
      'AUDIO_UNSUPPORTED_CODEC',
      `WAV format tag 0x${tag.toString(16).padStart(4, '0')} is not supported`,
      details ?? { formatTag: tag },
    );
  }
  if (blockAlign === 0 || blockAlign % channels !== 0) {
    throw audioError('AUDIO_BAD_HEADER', `WAV block align ${blockAlign} does not fit ${channels} channels`);
  }
  const container = (blockAlign / channels) * 8;
  if (bits === 0 || bits > container || Math.ceil(bits / 8) * 8 !== container) {
    throw audioError(
      'AUDIO_BAD_HEADER',
      `WAV block align ${blockAlign} does not match ${channels} channels of ${bits} bits`,
    );
  }
  let encoding: SampleEncoding;
  if (tag === WAVE_FORMAT_PCM) {
    const byContainer: Record<number, SampleEncoding> = { 8: 'u8', 16: 's16', 24: 's24', 32: 's32' };
    const e = byContainer[container];
    if (!e) throw audioError('AUDIO_UNSUPPORTED_CODEC', `${container}-bit integer PCM is not supported`);
    encoding = e;
  } else {
    if (container !== 32 && container !== 64)
      throw audioError('AUDIO_UNSUPPORTED_CODEC', `${container}-bit float PCM is not supported`);
    if (validBits !== container)
      throw audioError('AUDIO_BAD_HEADER', `Float WAV with ${validBits} valid bits in ${container}`);
    encoding = container === 32 ? 'f32' : 'f64';
  }
  return { encoding, channels, sampleRate, blockAlign, bitsPerSample: validBits, formatTag: tag };
}

function ascii(b: Uint8Array, at: number): string {
  return String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);
}
