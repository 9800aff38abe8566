/**
 * fbank benchmark: the TypeScript Kaldi fbank (libs/features) against the C++ front-end inside
 * sherpa-onnx-node (kaldi-native-fbank), on 10 s and 60 s of 16 kHz audio, medians of >= 7 runs, all in one
 * process with the two sides interleaved run by run so machine noise hits both alike.
 *
 * Isolating sherpa's feature cost (docs/features.md has the details):
 * - `sherpa_accept`: time of `stream.acceptWaveform()` alone. sherpa's OfflineStream computes the fbank
 *   frames eagerly inside AcceptWaveform (knf OnlineFbank), so this is the C++ fbank plus one copy of the
 *   samples across N-API. It is the figure the TypeScript fbank is compared with (`ratio_*`).
 * - `sherpa_net`: createStream + acceptWaveform + decode with a tiny SenseVoice-format model (its compute is
 *   negligible), minus the same on ~0 s of audio (0.1 s), which removes fixed per-call overhead. It adds
 *   LFR + CMVN + the tiny model, so it is compared with our fbank + LFR + CMVN (`ratio_frontend_*`).
 *
 * Run: npm run bench:fbank   (or node dist/bench/fbank-bench.js after npm run build)
 * Env: BENCH_RUNS (default 9), EARSHOT_TINY_SENSEVOICE_DIR (default test/fixtures/models/tiny-sensevoice-sherpa).
 */
import { existsSync } from 'fs';
import { join, resolve } from 'path';
import { performance } from 'perf_hooks';
import { FbankProcessor, FeatureFrontend, SENSEVOICE_LFR, cmvnFromVectors } from '@earshot/features';

interface SherpaStream {
  acceptWaveform(w: { sampleRate: number; samples: Float32Array }): void;
}
interface SherpaRecognizer {
  createStream(): SherpaStream;
  decode(s: SherpaStream): void;
}

const SAMPLE_RATE = 16000;

function repoRoot(): string {
  // Works from bench/ (ts) and dist/bench/ (compiled).
  let dir = __dirname;
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'libs'))) return dir;
    dir = resolve(dir, '..');
  }
  return process.cwd();
}

/** Deterministic speech-like test signal: a gliding harmonic tone, bursts and noise (fbank cost is data-blind). */
function makeAudio(seconds: number): Float32Array {
  const n = Math.round(seconds * SAMPLE_RATE);
  const out = new Float32Array(n);
  let seed = 12345;
  let phase = 0;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const t = i / SAMPLE_RATE;
    phase += (2 * Math.PI * (140 + 40 * Math.sin(2 * Math.PI * 0.7 * t))) / SAMPLE_RATE;
    const envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * t);
    const voiced = 0.3 * Math.sin(phase) + 0.1 * Math.sin(3 * phase) + 0.05 * Math.sin(7 * phase);
    out[i] = envelope * voiced + 0.02 * (seed / 2147483648 - 0.5);
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function loadSherpa(modelDir: string): SherpaRecognizer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sherpa = require('sherpa-onnx-node') as { OfflineRecognizer: new (c: unknown) => SherpaRecognizer };
  return new sherpa.OfflineRecognizer({
    featConfig: { sampleRate: SAMPLE_RATE, featureDim: 80 },
    modelConfig: {
      senseVoice: { model: join(modelDir, 'model.onnx'), language: '', useInverseTextNormalization: 0 },
      tokens: join(modelDir, 'tokens.txt'),
      numThreads: 1,
      provider: 'cpu',
      debug: 0,
    },
  });
}

export async function benchFbank(
  options: { runs?: number; log?: (line: string) => void } = {},
): Promise<Record<string, number>> {
  const runs = Math.max(7, options.runs ?? Number(process.env.BENCH_RUNS ?? 9));
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const modelDir =
    process.env.EARSHOT_TINY_SENSEVOICE_DIR ??
    join(repoRoot(), 'test', 'fixtures', 'models', 'tiny-sensevoice-sherpa');
  if (!existsSync(join(modelDir, 'model.onnx'))) {
    throw new Error(
      `tiny SenseVoice model not found in ${modelDir} (run scripts/models/make_tiny_sensevoice.py)`,
    );
  }
  const recognizer = loadSherpa(modelDir);
  const fbank = new FbankProcessor();
  // CMVN values do not change the cost; these are of the right size and range.
  const cmvn = cmvnFromVectors(new Float32Array(560).fill(-10), new Float32Array(560).fill(0.15));
  const frontend = new FeatureFrontend({ lfr: SENSEVOICE_LFR, cmvn });
  const empty = makeAudio(0.1);

  const sherpaFull = (samples: Float32Array): number =>
    time(() => {
      const s = recognizer.createStream();
      s.acceptWaveform({ sampleRate: SAMPLE_RATE, samples });
      recognizer.decode(s);
    });
  const sherpaAccept = (samples: Float32Array): number => {
    const s = recognizer.createStream();
    return time(() => s.acceptWaveform({ sampleRate: SAMPLE_RATE, samples }));
  };

  const result: Record<string, number> = { runs };
  log(`fbank benchmark: ${runs} runs per figure, medians in ms (TypeScript vs sherpa-onnx-node C++)`);
  for (const seconds of [10, 60]) {
    const audio = makeAudio(seconds);
    // Warm up both sides (JIT, onnxruntime session, allocator).
    for (let i = 0; i < 3; i++) {
      fbank.compute(audio);
      frontend.compute(audio);
      sherpaAccept(audio);
      sherpaFull(audio);
      sherpaFull(empty);
    }
    const ts: number[] = [];
    const tsFrontend: number[] = [];
    const accept: number[] = [];
    const full: number[] = [];
    const fixed: number[] = [];
    for (let r = 0; r < runs; r++) {
      ts.push(time(() => fbank.compute(audio)));
      accept.push(sherpaAccept(audio));
      tsFrontend.push(time(() => frontend.compute(audio)));
      full.push(sherpaFull(audio));
      fixed.push(sherpaFull(empty));
    }
    const k = `${seconds}s`;
    const fig = {
      ts_fbank: median(ts),
      ts_frontend: median(tsFrontend),
      sherpa_accept: median(accept),
      sherpa_full: median(full),
      sherpa_fixed: median(fixed),
    };
    const sherpaNet = Math.max(0, fig.sherpa_full - fig.sherpa_fixed);
    result[`ts_fbank_${k}_ms`] = round(fig.ts_fbank);
    result[`ts_frontend_${k}_ms`] = round(fig.ts_frontend);
    result[`sherpa_accept_${k}_ms`] = round(fig.sherpa_accept);
    result[`sherpa_full_${k}_ms`] = round(fig.sherpa_full);
    result[`sherpa_fixed_0.1s_ms_at_${k}`] = round(fig.sherpa_fixed);
    result[`sherpa_net_${k}_ms`] = round(sherpaNet);
    result[`ratio_fbank_vs_sherpa_accept_${k}`] = round(fig.ts_fbank / fig.sherpa_accept, 3);
    result[`ratio_frontend_vs_sherpa_net_${k}`] = round(fig.ts_frontend / sherpaNet, 3);
    // Each run pairs the two sides back to back; the median of those ratios shrugs off load bursts.
    result[`ratio_fbank_vs_sherpa_accept_${k}_paired`] = round(median(ts.map((v, i) => v / accept[i])), 3);
    result[`ts_fbank_ms_per_audio_s_${k}`] = round(fig.ts_fbank / seconds, 3);
    log(
      `${k.padStart(4)}: TS fbank ${fig.ts_fbank.toFixed(2)} | sherpa accept (C++ fbank) ${fig.sherpa_accept.toFixed(2)}` +
        ` -> ratio ${(fig.ts_fbank / fig.sherpa_accept).toFixed(3)}`,
    );
    log(
      `${''.padStart(4)}  TS fbank+LFR+CMVN ${fig.ts_frontend.toFixed(2)} | sherpa net ${sherpaNet.toFixed(2)}` +
        ` (full ${fig.sherpa_full.toFixed(2)} - fixed ${fig.sherpa_fixed.toFixed(2)}) -> ratio ${(fig.ts_frontend / sherpaNet).toFixed(3)}`,
    );
  }
  return result;
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

if (require.main === module) {
  benchFbank()
    .then((r) => process.stdout.write(`${JSON.stringify({ bench: 'fbank', ...r })}\n`))
    .catch((err: unknown) => {
      process.stderr.write(`fbank bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    });
}
