import { EarshotError } from '@earshot/contracts';
import { audioError } from '../audio-errors';

/** What the caller knows about the input when ffmpeg or ffprobe fails. */
export interface FailureContext {
  tool: 'ffmpeg' | 'ffprobe';
  /** The first bytes matched a known audio container's signature. */
  looksLikeAudio: boolean;
  /** Samples produced before the failure. */
  samplesOut?: number;
}

const RULES: { test: RegExp; code: (ctx: FailureContext) => EarshotError }[] = [
  {
    test: /matches no streams|does not contain any stream|no audio stream|Output file #0 does not contain/i,
    code: () => audioError('AUDIO_NOT_AUDIO', 'The file has no audio stream'),
  },
  {
    test: /could not find codec parameters|Decoder \(codec [^)]*\) not found|Unknown (?:codec|decoder)|codec not currently supported|no decoder|Unsupported codec|not implemented/i,
    code: () => audioError('AUDIO_UNSUPPORTED_CODEC', 'The audio codec is not supported'),
  },
  {
    // "Input/output error": a demuxer read past the end of a local file while still in the header.
    test: /End of file|Truncating packet|partial file|Packet corrupt|moov atom not found|premature end|Input\/output error/i,
    code: (ctx) =>
      ctx.looksLikeAudio
        ? audioError('AUDIO_TRUNCATED', 'The audio file is cut short')
        : audioError('AUDIO_NOT_AUDIO', 'The file is not audio in a format this service reads'),
  },
  {
    test: /Invalid data found when processing input|Invalid argument|Format .* detected only with low score|could not find sync|Failed to read frame size/i,
    code: (ctx) =>
      ctx.looksLikeAudio
        ? audioError('AUDIO_DECODE_FAILED', 'The audio data could not be decoded')
        : audioError('AUDIO_NOT_AUDIO', 'The file is not audio in a format this service reads'),
  },
];

/** Reads ffmpeg/ffprobe stderr and turns it into the one typed error that fits; the raw text goes to `details`. */
export function mapFfmpegFailure(stderr: string, ctx: FailureContext): EarshotError {
  const tail = stderr.split('\n').filter(Boolean).slice(-8).join('\n');
  for (const rule of RULES) {
    if (rule.test.test(stderr)) return withDetails(rule.code(ctx), ctx, tail);
  }
  return withDetails(
    audioError('AUDIO_DECODE_FAILED', `The audio could not be decoded (${ctx.tool} failed)`),
    ctx,
    tail,
  );
}

/** A spawn failure: the binary is missing or not executable. */
export function toolUnavailable(tool: string, err: unknown): EarshotError {
  return new EarshotError('DEPENDENCY_UNAVAILABLE', `${tool} could not be started`, null, {
    cause: err instanceof Error ? err.message : String(err),
  });
}

function withDetails(e: EarshotError, ctx: FailureContext, stderr: string): EarshotError {
  return new EarshotError(e.code, e.message, e.param, { tool: ctx.tool, stderr });
}
