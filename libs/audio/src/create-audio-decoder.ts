import { AudioDecoder } from './decoder/audio-decoder.service';
import { FfmpegAdapter } from './ffmpeg/ffmpeg.adapter';
import { resolveFfmpegPaths } from './ffmpeg/ffmpeg-paths';
import { FileSystemAdapter } from './io/file-system.adapter';
import { WavDecoder } from './wav/wav.decoder';
import { ResamplerOptions } from './resample/resampler';

/** For callers without Nest (the CLI, scripts, benches): unset paths fall back to the installer binaries. */
export function createAudioDecoder(
  opts: { ffmpegPath?: string; ffprobePath?: string; audioTmpDir?: string; resampler?: ResamplerOptions } = {},
): AudioDecoder {
  return new AudioDecoder(
    new FfmpegAdapter(resolveFfmpegPaths(opts)),
    new FileSystemAdapter(opts.audioTmpDir),
    new WavDecoder(opts.resampler),
  );
}
