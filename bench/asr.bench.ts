/**
 * `npm run bench:asr`: our end-to-end ASR (samples → fbank/LFR/CMVN → ONNX → greedy CTC + tags) against
 *  (a) a bare onnxruntime-node `InferenceSession.run` on the same input features (the floor), and
 *  (b) sherpa-onnx-node end to end (samples → result),
 * on the SenseVoice-Small-sized random int8 model (`scripts/models/make_sensevoice_small_random.py`), for 10 s and
 * 60 s of audio with 1 and 2 intra-op threads. Runs are interleaved (bare, ours, sherpa, ...) so machine noise hits
 * all three alike; figures are medians. Ends with ONE JSON line.
 *
 *   ASR_BENCH_MODEL_DIR   model directory (default models/.cache/sensevoice-small-random)
 *   ASR_BENCH_RUNS        runs per setting for 10 s audio (default 7; 60 s uses half, at least 3)
 *   ASR_BENCH_THREADS     comma list (default 1,2)
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { AsrTranscriber, EnergySegmenter, SenseVoiceModel, SenseVoiceRecognizer } from '@earshot/inference';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sherpa = require('sherpa-onnx-node');

const REPO = resolve(__dirname, '..', '..');
const MODEL_DIR = process.env.ASR_BENCH_MODEL_DIR ?? join(REPO, 'models/.cache/sensevoice-small-random');
const RUNS = Number(process.env.ASR_BENCH_RUNS ?? 7);
const THREADS = (process.env.ASR_BENCH_THREADS ?? '1,2').split(',').map(Number);
const DURATIONS = [10, 60];

const log = (line: string) => process.stdout.write(`${line}\n`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;

/** Deterministic speech-like audio: harmonics with a wandering pitch, syllable envelope, pauses, a little noise. */
function audio(seconds: number): Float32Array {
  const n = seconds * 16000;
  const out = new Float32Array(n);
  let phase = 0;
  let seed = 12345;
  for (let i = 0; i < n; i++) {
    const t = i / 16000;
    phase += (2 * Math.PI * (130 + 50 * Math.sin(t * 1.7) + 20 * Math.sin(t * 7.3))) / 16000;
    const env = t % 0.35 < 0.22 && t % 6 < 5 ? 0.25 : 0.01;
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out[i] = env * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.3 * Math.sin(3 * phase)) + ((seed / 0x7fffffff) - 0.5) * 0.004;
  }
  return out;
}

/**
 * LCS length / longer length. A random-weight model has ~25 k near-equal logits per frame, so the int8 kernels of
 * sherpa's bundled onnxruntime (1.28) and onnxruntime-node (1.30) flip some near-ties; parity of the pipelines
 * themselves is asserted on trained and tiny models in test/asr-parity.e2e-spec.ts.
 */
function agreement(a: string[], b: string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] / Math.max(a.length, b.length);
}

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function main(): Promise<void> {
  const modelPath = [join(MODEL_DIR, 'model.int8.onnx'), join(MODEL_DIR, 'model.onnx')].find((p) => existsSync(p)) ?? join(MODEL_DIR, 'model.int8.onnx');
  const tokensPath = join(MODEL_DIR, 'tokens.txt');
  if (!existsSync(modelPath) || !existsSync(tokensPath))
    throw new Error(`${modelPath} not found: run /usr/bin/python3 scripts/models/make_sensevoice_small_random.py first`);
  log(`model ${modelPath}; runs ${RUNS} (10 s) / ${Math.max(3, RUNS >> 1)} (60 s); threads ${THREADS.join(',')}`);
  const clips = new Map(DURATIONS.map((d) => [d, audio(d)]));
  const summary: Record<string, number | string> = { bench: 'asr', model: modelPath.replace(`${REPO}/`, '') };

  for (const threads of THREADS) {
    const loadStart = Date.now();
    const model = await SenseVoiceModel.load({ model: modelPath, tokens: tokensPath }, { intraOpThreads: threads });
    const ours = new SenseVoiceRecognizer(model, { maxBatch: 1 });
    const segmented = new AsrTranscriber(new SenseVoiceRecognizer(model, { maxBatch: 1 }), { name: 'bench', format: 'sensevoice-sherpa' }, {
      segmenter: new EnergySegmenter({ maxSegmentSec: 20 }),
    });
    log(`threads ${threads}: our model loaded and warmed in ${Date.now() - loadStart} ms`);
    // the floor: the same options our adapter uses, nothing around the run
    const bare = await ort.InferenceSession.create(modelPath, {
      graphOptimizationLevel: 'all',
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
    });
    const rec = new sherpa.OfflineRecognizer({
      featConfig: { sampleRate: 16000, featureDim: 80 },
      modelConfig: { senseVoice: { model: modelPath, language: '', useInverseTextNormalization: 0 }, tokens: tokensPath, numThreads: threads, provider: 'cpu', debug: 0 },
    });
    const sherpaDecode = (samples: Float32Array) => {
      const s = rec.createStream();
      s.acceptWaveform({ sampleRate: 16000, samples });
      rec.decode(s);
      return rec.getResult(s);
    };

    for (const seconds of DURATIONS) {
      const samples = clips.get(seconds)!;
      const feats = ours.features(samples);
      const feeds = {
        x: new ort.Tensor('float32', feats.data, [1, feats.frames, feats.dim]),
        x_length: new ort.Tensor('int32', Int32Array.of(feats.frames), [1]),
        language: new ort.Tensor('int32', Int32Array.of(0), [1]),
        text_norm: new ort.Tensor('int32', Int32Array.of(15), [1]),
      };
      // one untimed round each: first-use allocations for this input size
      await bare.run(feeds);
      const [check] = await ours.recognize([samples]);
      const sh = sherpaDecode(samples);
      const agree = agreement(
        check.tokens.map((t) => ours.model.tokens.display(t.id)),
        sh.tokens as string[],
      );
      const t = { bare: [] as number[], ours: [] as number[], sherpa: [] as number[], segmented: [] as number[], features: [] as number[] };
      const runs = seconds >= 60 ? Math.max(3, RUNS >> 1) : RUNS;
      for (let r = 0; r < runs; r++) {
        t.bare.push(await time(() => bare.run(feeds)));
        t.ours.push(await time(() => ours.recognize([samples])));
        t.sherpa.push(await time(() => sherpaDecode(samples)));
        t.features.push(await time(() => ours.features(samples)));
        if (seconds > 20) t.segmented.push(await time(() => segmented.transcribe(samples)));
      }
      const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.length ? median(v) : NaN])) as Record<keyof typeof t, number>;
      const key = `t${threads}_${seconds}s`;
      log(
        `${key}: bare ${round(m.bare)} ms | ours e2e ${round(m.ours)} ms (${round(m.ours / m.bare, 3)}×, features ${round(m.features)} ms)` +
          ` | sherpa e2e ${round(m.sherpa)} ms (${round(m.sherpa / m.bare, 3)}×)` +
          (t.segmented.length ? ` | ours with 20 s segments ${round(m.segmented)} ms (${round(m.segmented / m.bare, 3)}× the whole-clip bare run)` : '') +
          ` | token agreement with sherpa ${round(agree * 100)} % (${check.tokens.length} vs ${sh.tokens.length} tokens)`,
      );
      Object.assign(summary, {
        [`${key}_bare_ms`]: round(m.bare),
        [`${key}_ours_ms`]: round(m.ours),
        [`${key}_sherpa_ms`]: round(m.sherpa),
        [`${key}_features_ms`]: round(m.features),
        [`${key}_ours_over_bare`]: round(m.ours / m.bare, 3),
        [`${key}_sherpa_over_bare`]: round(m.sherpa / m.bare, 3),
        [`${key}_token_agreement_with_sherpa`]: round(agree, 4),
        ...(t.segmented.length
          ? { [`${key}_ours_segmented_ms`]: round(m.segmented), [`${key}_ours_segmented_over_bare`]: round(m.segmented / m.bare, 3) }
          : {}),
      });
    }
    await model.close();
    await bare.release();
  }
  summary.peak_rss_mb = round(process.resourceUsage().maxRSS / 1024);
  log(`peak RSS ${summary.peak_rss_mb} MB (one process: our session, a bare session and sherpa's, per thread setting)`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`asr bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
