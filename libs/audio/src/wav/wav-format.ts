/** How the samples of a PCM stream are stored. */
export type SampleEncoding = 'u8' | 's16' | 's24' | 's32' | 'f32' | 'f64';

export interface PcmLayout {
  encoding: SampleEncoding;
  channels: number;
  sampleRate: number;
  /** Bytes per frame (all channels). */
  blockAlign: number;
  /** Significant bits as the header states them (≤ the container's). */
  bitsPerSample: number;
}

export interface WavFormat extends PcmLayout {
  /** Where the sample data starts and how many bytes of whole frames it holds. */
  dataOffset: number;
  dataBytes: number;
  frames: number;
  /** The format tag, resolved through WAVE_FORMAT_EXTENSIBLE's subformat. */
  formatTag: number;
}

export const WAVE_FORMAT_PCM = 0x0001;
export const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
export const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

/** Format tags the TS path does not decode but ffmpeg does; such WAVs are handed to ffmpeg. */
export const FFMPEG_WAV_TAGS: ReadonlySet<number> = new Set([
  0x0002, // MS ADPCM
  0x0006, // A-law
  0x0007, // mu-law
  0x0011, // IMA ADPCM
  0x0031, // GSM 6.10
  0x0055, // MPEG layer 3
  0x0050, // MPEG
  0x0161, // WMA
  0x00ff, // AAC
]);

export const MIN_SAMPLE_RATE = 1000;
export const MAX_SAMPLE_RATE = 768000;
export const MAX_CHANNELS = 64;

export function codecName(l: PcmLayout): string {
  switch (l.encoding) {
    case 'u8':
      return 'pcm_u8';
    case 's16':
      return 'pcm_s16le';
    case 's24':
      return 'pcm_s24le';
    case 's32':
      return 'pcm_s32le';
    case 'f32':
      return 'pcm_f32le';
    case 'f64':
      return 'pcm_f64le';
  }
}

export function bytesPerSample(e: SampleEncoding): number {
  switch (e) {
    case 'u8':
      return 1;
    case 's16':
      return 2;
    case 's24':
      return 3;
    case 's32':
    case 'f32':
      return 4;
    case 'f64':
      return 8;
  }
}
