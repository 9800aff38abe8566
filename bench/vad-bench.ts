/**
 * VAD benchmark: our Silero VAD (libs/features/src/vad: onnxruntime-node, one 512-sample window per run, plus the
 * streaming segmenter) against sherpa-onnx-node's `Vad` (C++), same silero v5 model file, same parameters, same
 * 60 s of audio, one thread each. Medians of >= 7 runs, the two sides interleaved run by run so machine noise hits
 * both alike; figures are ms of compute per second of audio.
 *
 * - `ours_detect`: `SileroVad.detect(samples)` over the whole signal (how the pipeline calls it), windows run
 *   synchronously through onnxruntime-node's native session (the default engine).
 * - `ours_detect_async`: the same through the public async `InferenceSession.run` (`OnnxSession`): one
 *   setImmediate hop per window, the cost the default engine avoids.
 * - `ours_detect_op18`: informational, the package's If-free opset-18 export of the same weights (probabilities
 *   within 4e-7); sherpa cannot load it (it insists on input order input/state/sr), so it is not the comparison.
 * - `ours_stream512`: a `VadStream` fed 512 samples at a time (`feed` copies each chunk and queues it), for the
 *   streaming cost as sherpa's examples use it.
 * - `sherpa`: `vad.acceptWaveform()` 512 samples at a time, draining segments, then `flush()`; `reset()` between runs
 *   so model loading is not timed.
 *
 * Audio: 60 s of real speech clips (RAVDESS, Korean emotion TTS) joined with 1 s silences from the shared data dir
 * (`EARSHOT_SHARED_DATA`, default <repo>/../shared/data), or a synthetic signal when that is absent (`audio_real`: 0).
 * Run: npm run bench:vad   (or node dist/bench/vad-bench.js after npm run build). Env: BENCH_RUNS (default 9).
 */
import { existsSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { performance } from 'perf_hooks';
import { createAudioDecoder } from '@earshot/audio';
import { SileroVad, VadSegment, defaultSileroModelPath } from '@earshot/features/vad';

const SAMPLE_RATE = 16000;
const SECONDS = 60;
const W = 512;

interface SherpaVad {
  acceptWaveform(s: Float32Array): void;
  isEmpty(): boolean;
  front(external?: boolean): { start: number; samples: Float32Array };
  pop(): void;
  flush(): void;
  reset(): void;
}

function repoRoot(): string {
  // Works from bench/ (ts) and dist/bench/ (compiled).
  let dir = __dirname;
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'libs'))) return dir;
    dir = resolve(dir, '..');
  }
  return process.cwd();
}

/** 60 s of real speech with pauses, so both sides also do their segmenting work; null without the corpora. */
async function realAudio(): Promise<Float32Array | null> {
  const data = process.env.EARSHOT_SHARED_DATA ?? join(repoRoot(), '..', 'shared', 'data');
  const manifest = join(data, 'manifests', 'ser.csv');
  if (!existsSync(manifest)) return null;
  const rows = readFileSync(manifest, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  const paths = rows.filter((_, i) => i % 11 === 0).map((r) => join(data, r[0]));
  const decoder = createAudioDecoder();
  const out = new Float32Array(SECONDS * SAMPLE_RATE);
  let o = 0;
  for (const p of paths) {
    if (o >= out.length) break;
    const s = (await decoder.decodeFile(p)).samples.subarray(0, out.length - o);
    out.set(s, o);
    o += s.length + SAMPLE_RATE; // then 1 s of silence (zeros)
  }
  return out;
}

/** Deterministic fallback: voiced bursts (gliding harmonics) separated by pauses, plus faint noise. */
function syntheticAudio(): Float32Array {
  const out = new Float32Array(SECONDS * SAMPLE_RATE);
  let seed = 12345;
  let phase = 0;
  for (let i = 0; i < out.length; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const t = i / SAMPLE_RATE;
    phase += (2 * Math.PI * (140 + 40 * Math.sin(2 * Math.PI * 0.7 * t))) / SAMPLE_RATE;
    const on = t % 4 < 2.5 ? 1 : 0;
    out[i] = on * (0.3 * Math.sin(phase) + 0.1 * Math.sin(3 * phase)) + 0.005 * (seed / 2147483648 - 0.5);
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export async function benchVad(
  options: { runs?: number; log?: (line: string) => void } = {},
): Promise<Record<string, number>> {
  const runs = Math.max(7, options.runs ?? Number(process.env.BENCH_RUNS ?? 9));
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const real = await realAudio();
  const audio = real ?? syntheticAudio();
  const seconds = audio.length / SAMPLE_RATE;
  const params = { threshold: 0.5, minSpeechSec: 0.25, minSilenceSec: 0.5 };

  const vad = await SileroVad.load(params);
  const vadAsync = await SileroVad.load(params, { sync: false });
  const op18Path = join(defaultSileroModelPath(), '..', 'silero_vad_op18_ifless.onnx');
  const vadOp18 = existsSync(op18Path) ? await SileroVad.load(params, { modelPath: op18Path }) : null;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sherpa = require('sherpa-onnx-node') as { Vad: new (c: unknown, bufferSec: number) => SherpaVad };
  const sv = new sherpa.Vad(
    {
      sileroVad: {
        model: defaultSileroModelPath(),
        threshold: params.threshold,
        minSpeechDuration: params.minSpeechSec,
        minSilenceDuration: params.minSilenceSec,
        maxSpeechDuration: 30,
        windowSize: W,
      },
      sampleRate: SAMPLE_RATE,
      numThreads: 1,
      debug: false,
    },
    seconds + 10,
  );

  const oursDetect = async (v: SileroVad = vad): Promise<[number, VadSegment[]]> => {
    const t0 = performance.now();
    const segs = await v.detect(audio);
    return [performance.now() - t0, segs];
  };
  const oursStream = async (): Promise<number> => {
    const stream = vad.createStream();
    const t0 = performance.now();
    for (let i = 0; i < audio.length; i += W) await stream.feed(audio.subarray(i, i + W));
    await stream.flush();
    return performance.now() - t0;
  };
  const sherpaRun = (): [number, number] => {
    sv.reset();
    let count = 0;
    const t0 = performance.now();
    const drain = () => {
      for (; !sv.isEmpty(); sv.pop()) {
        sv.front(false);
        count++;
      }
    };
    for (let i = 0; i < audio.length; i += W) {
      sv.acceptWaveform(audio.subarray(i, i + W));
      drain();
    }
    sv.flush();
    drain();
    return [performance.now() - t0, count];
  };

  log(
    `VAD benchmark: ${seconds} s of ${real ? 'real speech' : 'synthetic audio'}, ${runs} runs, ms per audio second`,
  );
  // Warm up both sides (JIT, onnxruntime arenas).
  for (let i = 0; i < 2; i++) {
    await oursDetect();
    await oursDetect(vadAsync);
    if (vadOp18) await oursDetect(vadOp18);
    await oursStream();
    sherpaRun();
  }
  const detect: number[] = [];
  const detectAsync: number[] = [];
  const detectOp18: number[] = [];
  const stream: number[] = [];
  const theirs: number[] = [];
  let oursCount = 0;
  let theirCount = 0;
  for (let r = 0; r < runs; r++) {
    const [t, segs] = await oursDetect();
    detect.push(t);
    oursCount = segs.length;
    const [ts, n] = sherpaRun();
    theirs.push(ts);
    theirCount = n;
    stream.push(await oursStream());
    detectAsync.push((await oursDetect(vadAsync))[0]);
    if (vadOp18) detectOp18.push((await oursDetect(vadOp18))[0]);
  }
  await Promise.all([vad.close(), vadAsync.close(), vadOp18?.close()]);

  const perSec = (xs: number[]) => median(xs) / seconds;
  const result: Record<string, number> = {
    runs,
    audio_seconds: round(seconds, 2),
    audio_real: real ? 1 : 0,
    ours_detect_ms_per_audio_s: round(perSec(detect)),
    ours_stream512_ms_per_audio_s: round(perSec(stream)),
    ours_detect_async_ms_per_audio_s: round(perSec(detectAsync)),
    ...(detectOp18.length ? { ours_detect_op18_ms_per_audio_s: round(perSec(detectOp18)) } : {}),
    sherpa_ms_per_audio_s: round(perSec(theirs)),
    ratio_detect_vs_sherpa: round(median(detect) / median(theirs)),
    ratio_stream512_vs_sherpa: round(median(stream) / median(theirs)),
    ratio_detect_async_vs_sherpa: round(median(detectAsync) / median(theirs)),
    // Each run pairs the two sides back to back; the median of those ratios shrugs off load bursts.
    ratio_detect_vs_sherpa_paired: round(median(detect.map((v, i) => v / theirs[i]))),
    ours_segments: oursCount,
    sherpa_segments: theirCount,
  };
  log(
    `ours detect ${result.ours_detect_ms_per_audio_s} | ours stream(512) ${result.ours_stream512_ms_per_audio_s}` +
      ` | ours async engine ${result.ours_detect_async_ms_per_audio_s}` +
      ` | sherpa ${result.sherpa_ms_per_audio_s} -> ratio ${result.ratio_detect_vs_sherpa}` +
      ` (segments: ours ${oursCount}, sherpa ${theirCount})`,
  );
  return result;
}

if (require.main === module) {
  benchVad()
    .then((r) => process.stdout.write(`${JSON.stringify({ bench: 'vad', ...r })}\n`))
    .catch((err: unknown) => {
      process.stderr.write(`vad bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    });
}
