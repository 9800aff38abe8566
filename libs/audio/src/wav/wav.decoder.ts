import { ByteSource } from '../io/byte-source';
import { AudioLimits, AudioSourceInfo, DecodedAudio, TARGET_SAMPLE_RATE } from '../audio.types';
import { audioError, tooLarge, tooLong } from '../audio-errors';
import { ResamplerOptions } from '../resample/resampler';
import { parseWavHeader } from './wav-header.parser';
import {
  MAX_CHANNELS,
  MAX_SAMPLE_RATE,
  MIN_SAMPLE_RATE,
  PcmLayout,
  WavFormat,
  codecName,
} from './wav-format';
import { decodePcmStream } from './pcm-stream.decoder';

export interface RawPcm16Spec {
  sampleRate: number;
  channels?: number;
}

/** The pure-TypeScript path: WAV (PCM int/float, extensible) and headerless PCM16, straight to 16 kHz mono. */
export class WavDecoder {
  constructor(private readonly resampler: ResamplerOptions = {}) {}

  async probe(src: ByteSource): Promise<{ format: WavFormat; source: AudioSourceInfo }> {
    const format = await parseWavHeader(src);
    return { format, source: sourceInfo('wav', format, format.frames) };
  }

  async decode(src: ByteSource, limits: AudioLimits, signal?: AbortSignal): Promise<DecodedAudio> {
    if (src.size > limits.maxBytes) throw tooLarge(src.size, limits.maxBytes);
    const { format, source } = await this.probe(src);
    // Checked from the header, before a single sample buffer is allocated.
    if (source.durationSec > limits.maxDurationSec) throw tooLong(source.durationSec, limits.maxDurationSec);
    const samples = await decodePcmStream(src, format, format.dataOffset, format.frames, {
      signal,
      resampler: this.resampler,
    });
    return {
      samples,
      sampleRate: TARGET_SAMPLE_RATE,
      durationSec: samples.length / TARGET_SAMPLE_RATE,
      source,
    };
  }

  async decodeRawPcm16(
    src: ByteSource,
    spec: RawPcm16Spec,
    limits: AudioLimits,
    signal?: AbortSignal,
  ): Promise<DecodedAudio> {
    const channels = spec.channels ?? 1;
    if (
      !Number.isInteger(spec.sampleRate) ||
      spec.sampleRate < MIN_SAMPLE_RATE ||
      spec.sampleRate > MAX_SAMPLE_RATE
    ) {
      throw audioError(
        'INVALID_ARGUMENT',
        `Raw PCM sample rate must be a whole number of Hz in ${MIN_SAMPLE_RATE}–${MAX_SAMPLE_RATE}`,
      );
    }
    if (!Number.isInteger(channels) || channels < 1 || channels > MAX_CHANNELS) {
      throw audioError('INVALID_ARGUMENT', `Raw PCM channels must be 1–${MAX_CHANNELS}`);
    }
    if (src.size === 0) throw audioError('AUDIO_EMPTY', 'The audio is empty');
    if (src.size > limits.maxBytes) throw tooLarge(src.size, limits.maxBytes);
    const layout: PcmLayout = {
      encoding: 's16',
      channels,
      sampleRate: spec.sampleRate,
      blockAlign: 2 * channels,
      bitsPerSample: 16,
    };
    if (src.size % layout.blockAlign !== 0) {
      throw audioError(
        'AUDIO_TRUNCATED',
        `Raw PCM16 of ${channels} channel(s) must be a multiple of ${layout.blockAlign} bytes`,
      );
    }
    const frames = src.size / layout.blockAlign;
    const source = sourceInfo('raw', layout, frames);
    if (source.durationSec > limits.maxDurationSec) throw tooLong(source.durationSec, limits.maxDurationSec);
    const samples = await decodePcmStream(src, layout, 0, frames, { signal, resampler: this.resampler });
    return {
      samples,
      sampleRate: TARGET_SAMPLE_RATE,
      durationSec: samples.length / TARGET_SAMPLE_RATE,
      source,
    };
  }
}

function sourceInfo(format: string, l: PcmLayout, frames: number): AudioSourceInfo {
  return {
    format,
    codec: codecName(l),
    sampleRate: l.sampleRate,
    channels: l.channels,
    bitsPerSample: l.bitsPerSample,
    durationSec: frames / l.sampleRate,
  };
}
