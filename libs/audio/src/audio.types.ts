/** Every decoder output is this rate: the one the models and the front-end expect. */
export const TARGET_SAMPLE_RATE = 16000;

/** What the input was, before decoding (from the WAV header or from ffprobe). */
export interface AudioSourceInfo {
  /** Container: wav, raw, mp3, flac, ogg, mp4, webm, matroska, ... */
  format: string;
  /** Codec in ffmpeg's naming: pcm_s16le, pcm_f32le, mp3, flac, opus, aac, vorbis, ... */
  codec: string;
  sampleRate: number;
  channels: number;
  /** Bits per stored sample, for PCM only. */
  bitsPerSample?: number;
  /** As stated by the header or container (may be an estimate for some compressed formats). */
  durationSec: number;
}

/** `probe` answer: the source description plus the file size. */
export interface AudioProbe extends AudioSourceInfo {
  bytes: number;
}

export interface DecodedAudio {
  /** 16 kHz mono, nominally in [-1, 1]. */
  samples: Float32Array;
  sampleRate: typeof TARGET_SAMPLE_RATE;
  durationSec: number;
  source: AudioSourceInfo;
}

export interface AudioLimits {
  /** Largest input accepted, in bytes. */
  maxBytes: number;
  /** Longest audio accepted, in seconds (checked against the header before allocating, then while decoding). */
  maxDurationSec: number;
  /** Kill the decoder after this long (ffmpeg path). 0 = no timeout. */
  timeoutMs: number;
}

export const DEFAULT_AUDIO_LIMITS: Readonly<AudioLimits> = Object.freeze({
  maxBytes: 1024 * 1024 * 1024,
  maxDurationSec: 4 * 3600,
  timeoutMs: 0,
});

/** Limits (any subset; the rest default) and an optional abort signal. */
export interface DecodeOptions extends Partial<AudioLimits> {
  /** Aborting kills the decoder (no zombie ffmpeg) and rejects with the signal's reason or a TIMEOUT error. */
  signal?: AbortSignal;
}

/** What a caller knows about a buffer's bytes. */
export interface BufferInput {
  /** A hint for messages only: the bytes are sniffed to choose the decoder. */
  contentType?: string;
  /** Treat the buffer as headerless little-endian 16-bit PCM (interleaved if several channels) at this rate. */
  rawPcm16?: { sampleRate: number; channels?: number };
}

export function resolveLimits(o: Partial<AudioLimits> = {}): AudioLimits {
  const pick = (v: number | undefined, d: number) =>
    typeof v === 'number' && v >= 0 && !Number.isNaN(v) ? v : d;
  return {
    maxBytes: pick(o.maxBytes, DEFAULT_AUDIO_LIMITS.maxBytes),
    maxDurationSec: pick(o.maxDurationSec, DEFAULT_AUDIO_LIMITS.maxDurationSec),
    timeoutMs: pick(o.timeoutMs, DEFAULT_AUDIO_LIMITS.timeoutMs),
  };
}
