/**
 * `npm run bench:audio`: the pure-TypeScript WAV path (chunked reads + Kaiser polyphase resampler) against ffmpeg
 * decoding the same file to 16 kHz mono float (ffmpeg's own swr resampler), measured in the same run; plus the
 * resampler alone and an MP3 through ffmpeg. Medians of 7 runs after a warm-up. Ends with one JSON line.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureResampler } from '@earshot/audio/resample/resampler-response';
import {
  Float32Collector,
  FfmpegAdapter,
  Resampler,
  createAudioDecoder,
  resolveFfmpegPaths,
} from '@earshot/audio';

const RUNS = 7;
const SECONDS = 60;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn(); // warm-up (JIT, filter tables, page cache)
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(ms);
}

async function main(): Promise<void> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const paths = resolveFfmpegPaths();
  const dir = mkdtempSync(join(tmpdir(), 'earshot-audio-bench-'));
  try {
    const ff = (args: string[]) =>
      execFileSync(paths.ffmpegPath, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
    // Pink-ish noise plus a tone: broadband, like speech, so no codec or resampler gets an easy signal.
    const src = (rate: number) => [
      '-f',
      'lavfi',
      '-i',
      `anoisesrc=color=pink:amplitude=0.3:sample_rate=${rate}:duration=${SECONDS}:seed=1`,
    ];
    const wav44 = join(dir, 'a44.wav');
    const wav48 = join(dir, 'a48.wav');
    const wav16 = join(dir, 'a16.wav');
    const mp3 = join(dir, 'a44.mp3');
    ff([...src(44100), '-ac', '2', '-c:a', 'pcm_s16le', wav44]);
    ff([...src(48000), '-ac', '2', '-c:a', 'pcm_s16le', wav48]);
    ff([...src(16000), '-ac', '1', '-c:a', 'pcm_s16le', wav16]);
    ff([...src(44100), '-ac', '2', '-c:a', 'libmp3lame', '-b:a', '128k', mp3]);

    const decoder = createAudioDecoder();
    const ffmpeg = new FfmpegAdapter(paths);
    const viaFfmpeg = (file: string, channels: number) =>
      ffmpeg.decode(file, {
        looksLikeAudio: true,
        expectedSamples: (SECONDS + 1) * 16000,
        maxSamples: (SECONDS + 5) * 16000,
        channels,
        onTooMany: () => new Error('too many samples'),
      });

    const r: Record<string, number> = {};
    for (const [name, file, ch] of [
      ['wav44k_stereo', wav44, 2],
      ['wav48k_stereo', wav48, 2],
      ['wav16k_mono', wav16, 1],
    ] as [string, string, number][]) {
      const ts = await time(() => decoder.decodeFile(file));
      const ref = await time(() => viaFfmpeg(file, ch));
      r[`${name}_ts_ms`] = round(ts);
      r[`${name}_ffmpeg_ms`] = round(ref);
      r[`${name}_ratio`] = round(ts / ref, 3);
      log(
        `${name} ${SECONDS}s: TS path ${ts.toFixed(1)} ms, ffmpeg ${ref.toFixed(1)} ms, ratio ${(ts / ref).toFixed(2)}`,
      );
    }

    const x = new Float32Array(44100 * SECONDS);
    for (let i = 0; i < x.length; i++) x[i] = Math.sin(i * 0.0123) * 0.3 + Math.sin(i * 0.91) * 0.1;
    const rs = await time(() => {
      const res = new Resampler(44100, 16000);
      const sink = new Float32Collector(res.maxOutput(x.length));
      res.process(x, sink);
      res.flush(sink);
    });
    r.resample_44k_ms_per_audio_s = round(rs / SECONDS, 3);
    r.resample_44k_x_realtime = round((SECONDS * 1000) / rs, 1);
    log(
      `resampler 44.1k->16k alone: ${(rs / SECONDS).toFixed(2)} ms per audio second (${((SECONDS * 1000) / rs).toFixed(0)}x real time)`,
    );

    const m = await time(() => decoder.decodeFile(mp3));
    r.mp3_44k_stereo_ms = round(m);
    log(`mp3 44.1k stereo ${SECONDS}s through AudioDecoder (ffprobe + ffmpeg): ${m.toFixed(1)} ms`);

    // Filter quality (not a timing): sine sweeps, 100 Hz apart, through the resampler as configured by default.
    for (const rate of [44100, 48000, 22050, 8000]) {
      const q = measureResampler(rate, 16000, {}, 100, 0.25);
      r[`filter_${rate}_ripple_db`] = round(q.passbandRippleDb, 4);
      r[`filter_${rate}_stopband_db`] = round(q.stopbandAttenuationDb, 1);
      log(
        `filter ${rate}->16000 (${new Resampler(rate, 16000).describe()}): passband ripple ${q.passbandRippleDb.toFixed(4)} dB to ${q.passbandHz} Hz, ` +
          `stopband/alias attenuation ${q.stopbandAttenuationDb.toFixed(1)} dB (worst at ${q.worstFreqHz} Hz)`,
      );
    }

    process.stdout.write(`${JSON.stringify({ bench: 'audio', seconds: SECONDS, runs: RUNS, ...r })}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

main().catch((err: unknown) => {
  process.stderr.write(`audio bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
