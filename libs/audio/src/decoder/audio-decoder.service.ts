import { EarshotError } from '@earshot/contracts';
import {
  AudioLimits,
  AudioProbe,
  AudioSourceInfo,
  BufferInput,
  DecodeOptions,
  DecodedAudio,
  TARGET_SAMPLE_RATE,
  resolveLimits,
} from '../audio.types';
import { aborted, audioError, tooLarge, tooLong } from '../audio-errors';
import { BufferByteSource, ByteSource, readFully } from '../io/byte-source';
import { FileSystemAdapter } from '../io/file-system.adapter';
import { FfmpegAdapter, FfprobeAudio } from '../ffmpeg/ffmpeg.adapter';
import { WavDecoder } from '../wav/wav.decoder';
import { SNIFF_BYTES, SniffedKind, sniff } from './format-sniffer';

/** A decode shorter than this share of the stated duration (less a little slack) means the file was cut. */
const TRUNCATION_RATIO = 0.9;
const TRUNCATION_SLACK_SEC = 0.1;

/**
 * Decodes any common audio to 16 kHz mono Float32. WAV and raw PCM16 take the pure-TypeScript path (chunked reads,
 * streaming resampler); everything else, and WAV codecs the TS path does not read (A-law, ADPCM, ...), goes through
 * ffmpeg. Every failure is an `EarshotError` with an AUDIO_* code (or NOT_FOUND / DEPENDENCY_UNAVAILABLE / TIMEOUT).
 */
export class AudioDecoder {
  constructor(
    private readonly ffmpeg: FfmpegAdapter,
    private readonly fs: FileSystemAdapter = new FileSystemAdapter(),
    private readonly wav: WavDecoder = new WavDecoder(),
  ) {}

  async decodeFile(path: string, options: DecodeOptions = {}): Promise<DecodedAudio> {
    const limits = resolveLimits(options);
    const { signal } = options;
    if (signal?.aborted) throw aborted(signal);
    const src = await this.fs.open(path);
    let kind: SniffedKind;
    try {
      checkSize(src.size, limits);
      kind = sniff(await readHead(src));
      if (kind === 'wav') {
        try {
          return await this.wav.decode(src, limits, signal);
        } catch (err) {
          if (!isFfmpegFallback(err)) throw err;
        }
      }
    } finally {
      await src.close();
    }
    return this.decodeWithFfmpeg(path, src.size, kind, limits, signal);
  }

  async decodeBuffer(
    bytes: Uint8Array,
    input: BufferInput = {},
    options: DecodeOptions = {},
  ): Promise<DecodedAudio> {
    const limits = resolveLimits(options);
    const { signal } = options;
    if (signal?.aborted) throw aborted(signal);
    const src = new BufferByteSource(bytes);
    if (input.rawPcm16) return this.wav.decodeRawPcm16(src, input.rawPcm16, limits, signal);
    checkSize(bytes.length, limits);
    const kind = sniff(bytes.subarray(0, SNIFF_BYTES));
    if (kind === 'wav') {
      try {
        return await this.wav.decode(src, limits, signal);
      } catch (err) {
        if (!isFfmpegFallback(err)) throw err;
      }
    }
    // ffmpeg needs a seekable input for MP4 (moov at the end), so the bytes go to a private scratch file.
    const file = await this.fs.writeTemp(bytes, kind === 'unknown' ? '' : `.${kind}`);
    try {
      return await this.decodeWithFfmpeg(file, bytes.length, kind, limits, signal);
    } finally {
      await this.fs.removeTemp(file);
    }
  }

  /** Describes a file without decoding it (WAV: from the header; others: ffprobe). */
  async probe(path: string, options: Pick<DecodeOptions, 'timeoutMs' | 'signal'> = {}): Promise<AudioProbe> {
    const src = await this.fs.open(path);
    let kind: SniffedKind;
    try {
      if (src.size === 0) throw audioError('AUDIO_EMPTY', 'The audio file is empty');
      kind = sniff(await readHead(src));
      if (kind === 'wav') {
        try {
          const { source } = await this.wav.probe(src);
          return { ...source, bytes: src.size };
        } catch (err) {
          if (!isFfmpegFallback(err)) throw err;
        }
      }
    } finally {
      await src.close();
    }
    const info = await this.ffmpeg.probe(path, { looksLikeAudio: kind !== 'unknown', ...options });
    let durationSec = info.durationSec;
    if (!Number.isFinite(durationSec)) {
      // Some raw streams state no duration; decoding is the only honest way to know it.
      durationSec = (await this.decodeFile(path, { timeoutMs: options.timeoutMs, signal: options.signal }))
        .durationSec;
    }
    return { ...sourceFromProbe(info, kind, durationSec), bytes: src.size };
  }

  private async decodeWithFfmpeg(
    path: string,
    bytes: number,
    kind: SniffedKind,
    limits: AudioLimits,
    signal?: AbortSignal,
  ): Promise<DecodedAudio> {
    const looksLikeAudio = kind !== 'unknown';
    const started = Date.now();
    const info = await this.ffmpeg.probe(path, { looksLikeAudio, signal, timeoutMs: limits.timeoutMs });
    if (Number.isFinite(info.durationSec) && info.durationSec > limits.maxDurationSec) {
      throw tooLong(info.durationSec, limits.maxDurationSec);
    }
    const maxSamples = Math.ceil(limits.maxDurationSec * TARGET_SAMPLE_RATE) + 1;
    // Untouched pages of a large typed array cost no RSS, so preallocating the stated length is cheap even if it lies.
    const expected = Number.isFinite(info.durationSec)
      ? Math.ceil((info.durationSec + 1) * TARGET_SAMPLE_RATE)
      : 60 * TARGET_SAMPLE_RATE;
    const remaining = limits.timeoutMs ? Math.max(1, limits.timeoutMs - (Date.now() - started)) : 0;
    const { samples } = await this.ffmpeg.decode(path, {
      looksLikeAudio,
      signal,
      timeoutMs: remaining,
      expectedSamples: Math.min(expected, maxSamples),
      channels: info.channels,
      maxSamples,
      onTooMany: () => tooLong(maxSamples / TARGET_SAMPLE_RATE, limits.maxDurationSec),
    });
    if (samples.length === 0) throw audioError('AUDIO_EMPTY', 'The audio holds no samples');
    const decodedSec = samples.length / TARGET_SAMPLE_RATE;
    const statedReliable = info.durationFromStream || info.streamCount === 1;
    if (
      statedReliable &&
      Number.isFinite(info.durationSec) &&
      decodedSec < info.durationSec * TRUNCATION_RATIO - TRUNCATION_SLACK_SEC
    ) {
      throw audioError(
        'AUDIO_TRUNCATED',
        `The audio file is cut short: it states ${info.durationSec.toFixed(2)} s but holds ${decodedSec.toFixed(2)} s`,
        { statedSec: info.durationSec, decodedSec, bytes },
      );
    }
    const source = sourceFromProbe(
      info,
      kind,
      Number.isFinite(info.durationSec) ? info.durationSec : decodedSec,
    );
    return { samples, sampleRate: TARGET_SAMPLE_RATE, durationSec: decodedSec, source };
  }
}

function checkSize(size: number, limits: AudioLimits): void {
  if (size === 0) throw audioError('AUDIO_EMPTY', 'The audio file is empty');
  if (size > limits.maxBytes) throw tooLarge(size, limits.maxBytes);
}

async function readHead(src: ByteSource): Promise<Uint8Array> {
  const head = new Uint8Array(Math.min(SNIFF_BYTES, src.size));
  const n = await readFully(src, head, 0, head.length);
  return head.subarray(0, n);
}

function isFfmpegFallback(err: unknown): boolean {
  return (
    err instanceof EarshotError &&
    err.code === 'AUDIO_UNSUPPORTED_CODEC' &&
    (err.details as { ffmpegFallback?: boolean } | undefined)?.ffmpegFallback === true
  );
}

function sourceFromProbe(info: FfprobeAudio, kind: SniffedKind, durationSec: number): AudioSourceInfo {
  return {
    format: formatName(info.formatName, kind),
    codec: info.codec,
    sampleRate: info.sampleRate,
    channels: info.channels,
    ...(info.bitsPerSample ? { bitsPerSample: info.bitsPerSample } : {}),
    durationSec,
  };
}

/** ffprobe names demuxers ("mov,mp4,m4a,3gp,3g2,mj2"); callers want the container. */
function formatName(ffprobeName: string, kind: SniffedKind): string {
  if (ffprobeName.startsWith('mov,mp4')) return 'mp4';
  if (ffprobeName === 'matroska,webm') return kind === 'webm' ? 'webm' : 'matroska';
  return ffprobeName.split(',')[0];
}
