import { FfmpegPaths } from './ffmpeg.adapter';

/** The configured binaries, or the ones the installer packages ship for this platform. */
export function resolveFfmpegPaths(config: { ffmpegPath?: string; ffprobePath?: string } = {}): FfmpegPaths {
  return {
    ffmpegPath: config.ffmpegPath || installerPath('@ffmpeg-installer/ffmpeg'),
    ffprobePath: config.ffprobePath || installerPath('@ffprobe-installer/ffprobe'),
  };
}

function installerPath(pkg: string): string {
  // Loaded lazily: requiring the installer throws on platforms it has no binary for, which matters only if used.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(pkg) as { path: string }).path;
}
