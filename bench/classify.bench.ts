/**
 * `npm run bench:classify`: per-clip latency and clips per second of each shipped clip classifier (lid-en-ko,
 * ser-4class, and aed-events when present) through the whole runtime (fbank + windows + ONNX + aggregation, as the
 * workers and `earshot classify` run it) against the bare session run on precomputed features of the same clip,
 * measured in the same run, and the fbank alone (so clip = fbank + session + glue). Medians of RUNS timed runs after a warm-up; clips are 3 s of a synthetic voiced signal
 * (no corpus needed). Ends with one JSON line.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ClassifierModel, WindowedClassifier } from '@earshot/inference';

const RUNS = 25;
const CLIP_SECONDS = 3;
const MODELS = ['lid-en-ko', 'ser-4class', 'aed-events'];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await fn(); // warm-up: JIT, session buffers
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(ms);
}

/** Voiced-speech-like: a gliding harmonic source, syllable-rate amplitude envelope, a little noise (seeded). */
function voicedClip(seconds: number): Float32Array {
  const x = new Float32Array(Math.round(seconds * 16000));
  let seed = 12345;
  let phase = 0;
  for (let i = 0; i < x.length; i++) {
    const t = i / 16000;
    const f0 = 120 + 40 * Math.sin(2 * Math.PI * 0.7 * t);
    phase += (2 * Math.PI * f0) / 16000;
    let v = 0;
    for (let h = 1; h <= 12; h++) v += Math.sin(h * phase) / h;
    seed = (seed * 1103515245 + 12345) >>> 0;
    const env = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
    x[i] = 0.15 * env * v + 0.003 * (seed / 2 ** 32 - 0.5);
  }
  return x;
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

async function main(): Promise<void> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const modelsDir = resolve(process.env.MODELS_DIR ?? join(__dirname, '..', '..', 'models'));
  const clip = voicedClip(CLIP_SECONDS);
  const out: Record<string, number | string> = {};
  for (const name of MODELS) {
    const dir = join(modelsDir, name);
    if (!existsSync(join(dir, 'manifest.json'))) {
      log(`${name}: not installed, skipped`);
      continue;
    }
    const model = await ClassifierModel.load(dir, { intraOpThreads: 1 });
    try {
      const wc = new WindowedClassifier(model);
      const x = wc.padded(clip);
      const frames = model.fbank.numFrames(x.length);
      const feats = new Float32Array(frames * model.fbank.dim);
      model.fbank.computeFrames(x, 0, frames, feats, 0);
      const bare = await time(() => model.run(feats, 1, frames));
      const fbankOnly = await time(async () => model.fbank.computeFrames(x, 0, frames, feats, 0));
      const full = await time(() => wc.classify(clip));
      const key = name.replace(/-/g, '_');
      out[`${key}_clip_ms`] = round(full);
      out[`${key}_session_ms`] = round(bare);
      out[`${key}_fbank_ms`] = round(fbankOnly);
      out[`${key}_overhead_ratio`] = round(full / bare, 3);
      // what the runtime adds beyond the two unavoidable parts (features + session): windows, RMS, copies, aggregation
      out[`${key}_glue_ms`] = round(full - bare - fbankOnly);
      out[`${key}_clips_per_s`] = round(1000 / full, 1);
      out[`${key}_session_runs_per_s`] = round(1000 / bare, 1);
      log(
        `${name}: ${CLIP_SECONDS}s clip ${full.toFixed(2)} ms (${(1000 / full).toFixed(0)} clips/s), bare session ${bare.toFixed(2)} ms` +
          ` on ${frames}x${model.fbank.dim} features (${(1000 / bare).toFixed(0)} runs/s), runtime/session ${(full / bare).toFixed(2)}x;` +
          ` fbank ${fbankOnly.toFixed(2)} ms, glue ${(full - bare - fbankOnly).toFixed(2)} ms`,
      );
    } finally {
      await model.close();
    }
  }
  process.stdout.write(
    `${JSON.stringify({ bench: 'classify', clipSeconds: CLIP_SECONDS, runs: RUNS, threads: 1, ...out })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`classify bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
