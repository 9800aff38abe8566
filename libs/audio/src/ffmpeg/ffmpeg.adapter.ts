import { execFile } from 'node:child_process';
import { Writable } from 'node:stream';
import ffmpeg from 'fluent-ffmpeg';
import { EarshotError } from '@earshot/contracts';
import { Float32Collector } from '../decoder/float32-collector';
import { TARGET_SAMPLE_RATE } from '../audio.types';
import { FailureContext, mapFfmpegFailure, toolUnavailable } from './ffmpeg-error.mapper';
import { MAX_FLOAT_MAGNITUDE } from '../wav/pcm-to-mono';

export interface FfmpegPaths {
  ffmpegPath: string;
  ffprobePath: string;
}

export interface FfprobeAudio {
  formatName: string;
  /** From the audio stream when it states one, else from the container; NaN when neither does. */
  durationSec: number;
  /** True when the duration came from the audio stream itself (not the container). */
  durationFromStream: boolean;
  codec: string;
  sampleRate: number;
  channels: number;
  bitsPerSample?: number;
  streamCount: number;
}

export interface RunOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** What the caller knows about the input, to pick the right error. */
  looksLikeAudio: boolean;
}

export interface DecodeRunOptions extends RunOptions {
  /** Preallocate this many output samples (the probed duration), so the common case never copies. */
  expectedSamples: number;
  /** The probed channel count: the downmix averages exactly these (ffmpeg's own -ac 1 weights them otherwise). */
  channels: number;
  /** Kill ffmpeg as soon as it produces more than this many samples. */
  maxSamples: number;
  onTooMany: () => Error;
}

/** ffprobe prints a few KiB of JSON; more means something is wrong. */
const PROBE_MAX_BUFFER = 4 * 1024 * 1024;
const STDERR_LINES = 40;

/**
 * The one place ffmpeg and ffprobe run. ffmpeg decodes to 16 kHz mono float32 on stdout, streamed straight into a
 * growing Float32Array; the input file is never loaded into memory. Every failure, limit breach, timeout or abort
 * kills the process (SIGKILL) and settles only after it has exited, so no process outlives its call.
 */
export class FfmpegAdapter {
  /** One `ffmpeg -version` per adapter: fluent-ffmpeg throws an uncaught TypeError if the binary cannot be spawned. */
  private ffmpegChecked: Promise<void> | null = null;

  constructor(private readonly paths: FfmpegPaths) {}

  private ensureFfmpeg(): Promise<void> {
    this.ffmpegChecked ??= new Promise<void>((resolve, reject) => {
      execFile(this.paths.ffmpegPath, ['-version'], { timeout: 30000, windowsHide: true }, (err) => {
        if (err) {
          this.ffmpegChecked = null; // let a later call retry (e.g. the binary was being installed)
          return reject(toolUnavailable('ffmpeg', err));
        }
        resolve();
      });
    });
    return this.ffmpegChecked;
  }

  /** For /health: whether ffmpeg starts (checked once, then cached; a failure is retried on the next call). */
  async available(): Promise<{ ok: boolean; detail: string }> {
    try {
      await this.ensureFfmpeg();
      return { ok: true, detail: this.paths.ffmpegPath };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }

  probe(path: string, opts: RunOptions): Promise<FfprobeAudio> {
    const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-i', path];
    return new Promise((resolve, reject) => {
      if (opts.signal?.aborted) return reject(abortReason(opts.signal));
      let stopped: Error | null = null;
      // The signal is handled here, not passed to execFile: execFile then reports before the process is gone.
      const child = execFile(
        this.paths.ffprobePath,
        args,
        { maxBuffer: PROBE_MAX_BUFFER, windowsHide: true },
        (err, stdout, stderr) => {
          if (timer) clearTimeout(timer);
          opts.signal?.removeEventListener('abort', onAbort);
          if (stopped) return reject(stopped);
          if (err) {
            const e = err as NodeJS.ErrnoException;
            if (e.code === 'ENOENT' || e.code === 'EACCES') return reject(toolUnavailable('ffprobe', err));
            return reject(mapFfmpegFailure(String(stderr), ctx('ffprobe', opts)));
          }
          try {
            resolve(parseProbe(String(stdout)));
          } catch (parseErr) {
            reject(
              parseErr instanceof EarshotError
                ? parseErr
                : mapFfmpegFailure(String(stderr), ctx('ffprobe', opts)),
            );
          }
        },
      );
      const stop = (why: Error) => {
        if (stopped) return;
        stopped = why;
        child.kill('SIGKILL');
      };
      const onAbort = () => stop(abortReason(opts.signal as AbortSignal));
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      const timer = opts.timeoutMs
        ? setTimeout(
            () => stop(new EarshotError('TIMEOUT', 'Probing the audio took too long', 'file')),
            opts.timeoutMs,
          )
        : undefined;
    });
  }

  async decode(path: string, opts: DecodeRunOptions): Promise<{ samples: Float32Array; stderr: string }> {
    await this.ensureFfmpeg();
    if (opts.signal?.aborted) throw abortReason(opts.signal);
    return this.runDecode(path, opts);
  }

  private runDecode(
    path: string,
    opts: DecodeRunOptions,
  ): Promise<{ samples: Float32Array; stderr: string }> {
    return new Promise((resolve, reject) => {
      const sink = new Float32Collector(opts.expectedSamples, opts.maxSamples, opts.onTooMany);
      // Bytes of a float split across two stdout chunks wait here.
      const carry = new Uint8Array(4);
      let carried = 0;
      let failure: Error | null = null;
      let settled = false;
      let timer: NodeJS.Timeout | undefined;

      const command = ffmpeg({ source: path, stdoutLines: STDERR_LINES } as ffmpeg.FfmpegCommandOptions)
        .setFfmpegPath(this.paths.ffmpegPath)
        .inputOptions(['-nostdin', '-hide_banner', '-loglevel', 'error'])
        .outputOptions(['-map', '0:a:0', '-vn', '-sn', '-dn', ...downmixArgs(opts.channels)])
        .audioChannels(1)
        .audioFrequency(TARGET_SAMPLE_RATE)
        .audioCodec('pcm_f32le')
        .format('f32le');

      const fail = (err: Error) => {
        if (failure) return;
        failure = err;
        try {
          command.kill('SIGKILL');
        } catch {
          // not spawned yet: the 'error' event still comes from fluent-ffmpeg
        }
      };
      const onAbort = () => fail(abortReason(opts.signal as AbortSignal));
      const finish = (err: Error | null, stderr: string) => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        if (failure) return reject(failure);
        if (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'ENOENT' || code === 'EACCES' || /Cannot find ffmpeg/.test(err.message)) {
            return reject(toolUnavailable('ffmpeg', err));
          }
          return reject(mapFfmpegFailure(stderr, ctx('ffmpeg', opts, sink.length)));
        }
        resolve({ samples: sink.finish(), stderr });
      };

      const out = new Writable({
        emitClose: false,
        highWaterMark: 1 << 20,
        write(chunk: Buffer, _enc, cb) {
          if (failure) return cb();
          const before = sink.length;
          try {
            let bytes: Uint8Array = chunk;
            if (carried) {
              const need = 4 - carried;
              if (bytes.length < need) {
                carry.set(bytes, carried);
                carried += bytes.length;
                return cb();
              }
              carry.set(bytes.subarray(0, need), carried);
              sink.pushBytesF32le(carry);
              carried = 0;
              bytes = bytes.subarray(need);
            }
            const whole = bytes.length & ~3;
            sink.pushBytesF32le(bytes.subarray(0, whole));
            if (whole < bytes.length) {
              carry.set(bytes.subarray(whole), 0);
              carried = bytes.length - whole;
            }
            // Float sources (float WAV/AIFF/CAF, some codecs) pass NaN and infinities straight through ffmpeg.
            if (!sink.allWithin(before, MAX_FLOAT_MAGNITUDE)) {
              fail(
                new EarshotError(
                  'AUDIO_BAD_SAMPLES',
                  'The audio holds NaN, infinite or out-of-range float samples',
                  'file',
                ),
              );
            }
          } catch (err) {
            fail(err as Error);
          }
          cb();
        },
      });

      command.on('error', (err: Error, _stdout: string | null, stderr: string | null) =>
        finish(err, String(stderr ?? '')),
      );
      command.on('end', (_stdout: string | null, stderr: string | null) =>
        finish(null, String(stderr ?? '')),
      );

      opts.signal?.addEventListener('abort', onAbort, { once: true });
      if (opts.timeoutMs) {
        timer = setTimeout(
          () => fail(new EarshotError('TIMEOUT', 'Decoding the audio took too long', 'file')),
          opts.timeoutMs,
        );
      }
      command.pipe(out, { end: true });
    });
  }
}

/** Averages the channels, as the WAV path does; a mismatch with the real count falls back to ffmpeg's default. */
function downmixArgs(channels: number): string[] {
  if (!(channels > 1 && channels <= 64)) return [];
  const terms = Array.from({ length: channels }, (_, i) => `c${i}`).join('+');
  return ['-af', `pan=mono|c0<${terms}`];
}

function ctx(tool: FailureContext['tool'], opts: RunOptions, samplesOut?: number): FailureContext {
  return { tool, looksLikeAudio: opts.looksLikeAudio, samplesOut };
}

function abortReason(signal: AbortSignal): Error {
  const r: unknown = signal.reason;
  if (r instanceof EarshotError) return r;
  return new EarshotError('TIMEOUT', 'Audio decoding was aborted', 'file', { reason: String(r) });
}

interface ProbeJson {
  format?: { format_name?: string; duration?: string };
  streams?: {
    codec_type?: string;
    codec_name?: string;
    sample_rate?: string;
    channels?: number;
    bits_per_sample?: number;
    bits_per_raw_sample?: string;
    duration?: string;
  }[];
}

function parseProbe(stdout: string): FfprobeAudio {
  let json: ProbeJson;
  try {
    json = JSON.parse(stdout) as ProbeJson;
  } catch {
    throw new EarshotError('AUDIO_DECODE_FAILED', 'ffprobe answered with something that is not JSON', 'file');
  }
  const streams = json.streams ?? [];
  const audio = streams.find((s) => s.codec_type === 'audio');
  if (!json.format?.format_name && streams.length === 0) {
    throw new EarshotError('AUDIO_NOT_AUDIO', 'The file is not audio in a format this service reads', 'file');
  }
  if (!audio) throw new EarshotError('AUDIO_NOT_AUDIO', 'The file has no audio stream', 'file');
  if (!audio.codec_name || audio.codec_name === 'none' || audio.codec_name === 'unknown') {
    throw new EarshotError('AUDIO_UNSUPPORTED_CODEC', 'The audio codec is not supported', 'file');
  }
  const sampleRate = Number(audio.sample_rate);
  const channels = Number(audio.channels ?? 0);
  if (channels === 0)
    throw new EarshotError('AUDIO_ZERO_CHANNELS', 'The audio stream has no channels', 'file');
  if (!Number.isFinite(sampleRate) || sampleRate <= 0) {
    throw new EarshotError('AUDIO_BAD_HEADER', 'The audio stream has no valid sample rate', 'file');
  }
  const streamDur = Number(audio.duration);
  const formatDur = Number(json.format?.duration);
  const fromStream = Number.isFinite(streamDur) && streamDur > 0;
  const bits = audio.bits_per_sample || Number(audio.bits_per_raw_sample) || 0;
  return {
    formatName: json.format?.format_name ?? 'unknown',
    durationSec: fromStream ? streamDur : Number.isFinite(formatDur) ? formatDur : Number.NaN,
    durationFromStream: fromStream,
    codec: audio.codec_name,
    sampleRate,
    channels,
    bitsPerSample: bits > 0 ? bits : undefined,
    streamCount: streams.length,
  };
}
