/**
 * `npm run bench:pipeline`: what the distributed pipeline adds to a transcription, and how many requests it serves.
 * The gateway and every worker (asr, itn, lid, ser, aed) run as separate processes from dist on real Redis (private
 * queue names); 10 s clips (the shipped samples joined, and FSDD recordings from ../shared/data when present) go
 * through `POST /v1/understand` over HTTP. References, measured in the same run and this process: the bare ASR model
 * call on the same PCM, and the embedded pipeline (the same flow and workers on the in-memory queue, same bytes in).
 * Added latency = answer − bare model time, for `tasks=asr` (flow `merge ← itn ← asr`) and for every task
 * (`merge ← [itn ← asr, lid, ser, aed]`); goal: median ≤ 15 ms and ≤ 5 % of the request.
 * Throughput: requests/s with CONCURRENCY requests in flight, with one and then two worker processes per task.
 * BENCH_ASR_MODEL picks the ASR model like ASR_MODEL does (a directory name under models/, or a model directory path,
 * e.g. models/.cache/sensevoice-small-random from scripts/models/make_sensevoice_small_random.py); the bare call,
 * the embedded pipeline and the asr workers all load it. The other workers keep the shipped models.
 * Ends with one JSON line.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { createAudioDecoder } from '@earshot/audio';
import { hashApiKey, MergeJobData } from '@earshot/contracts';
import { resolveAsrModelDir } from '@earshot/inference';
import { loadConfig } from '@earshot/platform';
import { AsrConfig } from '../apps/asr/src/asr.config';
import { AsrEngine } from '../apps/asr/src/asr-engine.service';
import { createEmbeddedPipeline } from '../apps/cli/src/embedded/embedded-pipeline';
import { median, REPO, round, ServiceProcess, timeEach } from './support/service-process';
import { wavBytes } from './support/wav';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const LOAD_REQUESTS = Number(process.env.BENCH_LOAD_REQUESTS ?? 24);
const KEY = 'bench-pipeline-key';
const PORT = 18180;
const CLIP_SEC = 10;
const RATE = 16000;
const MODELS_DIR = join(REPO, 'models');
// Absolute, so the workers (started with cwd REPO) load the same directory whatever the bench's cwd.
const ASR_MODEL = resolve(resolveAsrModelDir(MODELS_DIR, process.env.BENCH_ASR_MODEL ?? 'digits-en-ctc'));

type Task = 'asr' | 'itn' | 'lid' | 'ser' | 'aed';
const WORKERS: Task[] = ['asr', 'itn', 'lid', 'ser', 'aed'];

/** Each run calls every function once, in turn; medians per function come from the same stretch of time. */
async function interleaved<K extends string>(
  n: number,
  fns: Record<K, () => Promise<unknown>>,
): Promise<Record<K, number[]>> {
  const keys = Object.keys(fns) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < n + 2; i++)
    for (const k of keys) {
      const t = process.hrtime.bigint();
      await fns[k]();
      // the first two rounds warm up
      if (i >= 2) out[k].push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  return out;
}

/** `seconds` of audio from the files in order, repeated as needed. */
async function joined(files: string[], seconds = CLIP_SEC): Promise<Float32Array> {
  const decoder = createAudioDecoder();
  const out = new Float32Array(seconds * RATE);
  const parts: Float32Array[] = [];
  for (const f of files) parts.push((await decoder.decodeFile(f)).samples);
  for (let at = 0, i = 0; at < out.length; i++) {
    const p = parts[i % parts.length].subarray(0, out.length - at);
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function clips(): Promise<Array<{ name: string; pcm: Float32Array }>> {
  const shipped = ['digits-en', 'digits-en-gb-female', 'digits-en-gb', 'digit-seven'].map((n) =>
    join(REPO, `samples/${n}.wav`),
  );
  const out = [{ name: 'samples-10s', pcm: await joined(shipped) }];
  const shared = process.env.EARSHOT_SHARED_DATA ?? join(REPO, '..', 'shared', 'data');
  const fsdd = join(shared, 'audio/fsdd/george');
  if (existsSync(fsdd)) {
    const files = readdirSync(fsdd)
      .filter((f) => /\.(wav|flac)$/.test(f))
      .sort()
      .slice(0, 40)
      .map((f) => join(fsdd, f));
    if (files.length > 0) out.push({ name: 'fsdd-george-10s', pcm: await joined(files) });
  } else console.log(`(no ${fsdd}: the shared-data clip is skipped)`);
  return out;
}

/** One worker set: a process per task on the run's private queues. */
function workerSet(queues: Record<string, string>, index: number): ServiceProcess[] {
  const env = { REDIS_URL, MODELS_DIR, ...queues };
  const port = (k: number) => String(18190 + index * 10 + k);
  const spec: Record<Task, Record<string, string>> = {
    asr: { ASR_PORT: port(0), ASR_MODEL },
    itn: { ITN_PORT: port(1) },
    lid: { LID_PORT: port(2) },
    ser: { SER_PORT: port(3) },
    aed: { AED_PORT: port(4) },
  };
  return WORKERS.map((t, k) => new ServiceProcess(t, { ...env, ...spec[t] }, `http://127.0.0.1:${port(k)}/health`));
}

/** Client-side start and end of each request (ms since the epoch), to line up with the jobs' own timestamps. */
const calls: Array<{ start: number; end: number }> = [];

async function understand(wav: Buffer, tasks: string): Promise<void> {
  const start = Date.now();
  const form = new FormData();
  form.append('file', new Blob([wav], { type: 'audio/wav' }), 'clip.wav');
  form.append('tasks', tasks);
  form.append('itn', 'true');
  const r = await fetch(`http://127.0.0.1:${PORT}/v1/understand`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${KEY}` },
  });
  if (!r.ok) throw new Error(`HTTP ${r.status}: ${await r.text()}`);
  const t = (await r.json()) as { missing: unknown[]; itn: boolean };
  // Every step must have run: a missing one would make the pipeline look cheaper than it is.
  if (t.missing.length > 0 || !t.itn) throw new Error(`incomplete transcript: ${JSON.stringify(t.missing)}`);
  calls.push({ start, end: Date.now() });
}

const STAGES = [
  'before',
  'asrPickup',
  'asrRun',
  'itnPickup',
  'itnRun',
  'mergePickup',
  'mergeRun',
  'after',
  'notAsr',
] as const;
type Stage = (typeof STAGES)[number];

/**
 * Where a request's time goes, from the jobs' own timestamps (ms; created, processedOn, finishedOn): before the
 * flow exists (upload, decode, audio store, worker checks, addFlow), each job's wait for a worker ("pickup") and
 * run, and after the merge job finished until the client has the answer (QueueEvents notice, rendering, HTTP).
 * `notAsr` is the request's time outside the ASR job's run: everything the pipeline adds to the model call, with
 * no reference measured in another process (on a busy box the worker's model run is slower than the bare call).
 */
async function breakdown(queues: Record<string, string>, since: number): Promise<Record<Stage, number>> {
  const open = (name: string) => new Queue(name, { connection: { url: REDIS_URL } });
  const [merge, asr, itn] = [open(queues.MERGE_QUEUE), open(queues.ASR_QUEUE), open(queues.ITN_QUEUE)];
  try {
    const stages: Record<Stage, number[]> = Object.fromEntries(STAGES.map((k) => [k, []])) as never;
    const jobs = (await merge.getCompleted(0, 2000)).filter((j) => j.timestamp >= since);
    for (const m of jobs) {
      const call = calls.find((c) => c.start <= m.timestamp && m.timestamp <= c.end);
      const ids = (m.data as MergeJobData).jobs;
      const a = await Job.fromId(asr, ids.asr!);
      const i = ids.itn ? await Job.fromId(itn, ids.itn) : undefined;
      if (!call || !a?.finishedOn || !i?.finishedOn || !m.processedOn || !m.finishedOn) continue;
      stages.before.push(a.timestamp - call.start);
      stages.asrPickup.push(a.processedOn! - a.timestamp);
      stages.asrRun.push(a.finishedOn - a.processedOn!);
      stages.itnPickup.push(i.processedOn! - a.finishedOn);
      stages.itnRun.push(i.finishedOn - i.processedOn!);
      stages.mergePickup.push(m.processedOn - i.finishedOn);
      stages.mergeRun.push(m.finishedOn - m.processedOn);
      stages.after.push(call.end - m.finishedOn);
      stages.notAsr.push(call.end - call.start - (a.finishedOn - a.processedOn!));
    }
    return Object.fromEntries(STAGES.map((k) => [k, stages[k].length ? median(stages[k]) : NaN])) as Record<Stage, number>;
  } finally {
    await Promise.allSettled([merge.close(), asr.close(), itn.close()]);
  }
}

/** Requests/s with `concurrency` requests in flight until `total` have been answered. */
async function throughput(wav: Buffer, tasks: string, concurrency: number, total: number): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) await understand(wav, tasks);
    }),
  );
  return total / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error']);
  const loadStart = loadavg()[0];
  const run = randomUUID().slice(0, 8);
  const queues = Object.fromEntries(
    ['ASR', 'ITN', 'LID', 'SER', 'AED', 'CRY', 'MERGE'].map((q) => [`${q}_QUEUE`, `bench-pipe-${q.toLowerCase()}-${run}`]),
  );
  const engine = new AsrEngine(loadConfig(AsrConfig, { REDIS_URL, MODELS_DIR, ASR_MODEL }));
  await engine.load();
  console.log(`ASR model: ${engine.modelName} (${ASR_MODEL})`);
  const decoder = createAudioDecoder();
  const embedded = await createEmbeddedPipeline({ env: { MODELS_DIR, ASR_MODEL, LOG_LEVEL: 'error' } });

  const gateway = new ServiceProcess(
    'gateway',
    {
      REDIS_URL,
      MODELS_DIR,
      ...queues,
      GATEWAY_PORT: String(PORT),
      API_KEYS: `bench:transcribe:${hashApiKey(KEY)}:100000000`,
    },
    `http://127.0.0.1:${PORT}/health`,
  );
  const first = workerSet(queues, 0);
  const second = workerSet(queues, 1);
  const all = [gateway, ...first, ...second];
  try {
    await Promise.all([gateway, ...first].map((p) => p.start()));
    const latency: Record<string, unknown>[] = [];
    for (const clip of await clips()) {
      const wav = wavBytes(clip.pcm);
      const bareRun = () => engine.transcribe(clip.pcm, { language: 'auto', itn: false });
      const decode = median(await timeEach(RUNS, () => decoder.decodeBuffer(wav)));
      const row: Record<string, unknown> = { clip: clip.name, seconds: round(clip.pcm.length / RATE, 2) };
      const bares: number[] = [];
      for (const [label, tasks] of [
        ['asrItn', ['asr'] as const],
        ['allTasks', ['asr', 'lid', 'ser', 'aed'] as const],
      ] as const) {
        const since = Date.now();
        // Interleaved, so a busy machine slows the three alike.
        const t = await interleaved(RUNS, {
          bare: bareRun,
          embedded: () => embedded.transcribe(wav, { tasks, itn: true }),
          http: () => understand(wav, tasks.join(',')),
        });
        if (label === 'asrItn') row.asrItnStagesMs = await breakdown(queues, since);
        bares.push(...t.bare);
        const bare = median(t.bare);
        const http = median(t.http);
        row[`${label}BareAsrMs`] = round(bare);
        row[`${label}EmbeddedMs`] = round(median(t.embedded));
        row[`${label}HttpMs`] = round(http);
        row[`${label}AddedMs`] = round(http - bare);
        row[`${label}AddedShare`] = round((http - bare) / http, 3);
      }
      row.bareAsrMs = round(median(bares));
      row.decodeMs = round(decode);
      const pct = (x: unknown) => round(100 * (x as number), 1);
      console.log(
        `${clip.name}: bare ASR ${row.bareAsrMs} ms (WAV decode ${row.decodeMs} ms)\n` +
          `  asr+itn: embedded ${row.asrItnEmbeddedMs} ms, HTTP ${row.asrItnHttpMs} ms ` +
          `(+${row.asrItnAddedMs} ms, ${pct(row.asrItnAddedShare)} %)\n` +
          `  all tasks: embedded ${row.allTasksEmbeddedMs} ms, HTTP ${row.allTasksHttpMs} ms ` +
          `(+${row.allTasksAddedMs} ms, ${pct(row.allTasksAddedShare)} %)`,
      );
      console.log(`  asr+itn stages (median ms): ${JSON.stringify(row.asrItnStagesMs)}`);
      latency.push(row);
    }

    const wav = wavBytes((await clips())[0].pcm);
    const rps: Record<string, number> = {};
    rps.oneWorkerPerTask = round(await throughput(wav, 'asr,lid,ser,aed', CONCURRENCY, LOAD_REQUESTS));
    await Promise.all(second.map((p) => p.start()));
    rps.twoWorkersPerTask = round(await throughput(wav, 'asr,lid,ser,aed', CONCURRENCY, LOAD_REQUESTS));
    console.log(
      `throughput (all tasks, ${CONCURRENCY} in flight, ${LOAD_REQUESTS} requests): one worker per task ` +
        `${rps.oneWorkerPerTask} req/s, two ${rps.twoWorkersPerTask} req/s`,
    );
    const primary = latency[0];
    console.log(
      JSON.stringify({
        bench: 'pipeline',
        runs: RUNS,
        asrModel: engine.modelName,
        loadAverage: { start: round(loadStart, 1), end: round(loadavg()[0], 1), cores: cpus().length },
        mode: 'gateway + asr/itn/lid/ser/aed workers as processes from dist, BullMQ on Redis, POST /v1/understand itn=true; embedded: createEmbeddedPipeline in this process',
        goal: { addedMs: 15, addedShare: 0.05 },
        addedMs: primary.asrItnAddedMs,
        addedShare: primary.asrItnAddedShare,
        outsideAsrJobMs: (primary.asrItnStagesMs as Record<Stage, number>).notAsr,
        latency,
        throughput: { tasks: 'asr,lid,ser,aed', concurrency: CONCURRENCY, requests: LOAD_REQUESTS, rps },
      }),
    );
  } finally {
    await Promise.allSettled(all.map((p) => p.stop()));
    // The queues are this run's own: leave nothing behind in the shared Redis.
    await Promise.allSettled(
      Object.values(queues).map(async (name) => {
        const q = new Queue(name, { connection: { url: REDIS_URL } });
        await q.obliterate({ force: true }).finally(() => q.close());
      }),
    );
    await embedded.close();
    await engine.onApplicationShutdown();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
