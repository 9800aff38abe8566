/**
 * `npm run bench:flood`: does the firmware endpoint keep its latency while batch work floods the queues? Starts the
 * built gateway, AED and ASR workers as processes on real Redis (unique queues), measures sequential
 * /v1/cry-detection latency alone, then again while FLOOD_CLIENTS clients keep posting 20 s files to /v1/understand
 * with the aed task (AED timelines on the same worker process as the cry model, ASR on its own). Also measures what
 * the gateway's admission check costs: a Redis count per request vs the cached depth. Ends with one JSON line.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { createAudioDecoder } from '@earshot/audio';
import { hashApiKey } from '@earshot/contracts';
import { BullMqQueueDriver } from '@earshot/platform';
import { QueueDepthCache } from '../apps/gateway/src/backpressure/queue-depth.cache';
import { freePort, median, percentile, REPO, round, ServiceProcess } from './support/service-process';
import { wavBytes } from './support/wav';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const FLOOD_CLIENTS = Number(process.env.FLOOD_CLIENTS ?? 48);
const FLOOD_TASKS = process.env.FLOOD_TASKS ?? 'asr,aed';
/**
 * `shared`: one AED process serves cameras and timelines (the default deployment). `split`: cameras get their own
 * AED process (AED_SERVE=cry) and the batch processes (AED_SERVE=aed, ASR) run with CPU_NICE=FLOOD_BATCH_NICE.
 */
const LAYOUT = process.env.FLOOD_LAYOUT === 'split' ? 'split' : 'shared';
const BATCH_NICE = Number(process.env.FLOOD_BATCH_NICE ?? 10);
const KEY = 'bench-flood-key';
const log = (s: string) => process.stdout.write(`${s}\n`);

async function clips(): Promise<{ cry: Float32Array; speech: Float32Array }> {
  const decoder = createAudioDecoder();
  const shared = process.env.EARSHOT_SHARED_DATA ?? join(REPO, '..', 'shared', 'data');
  const cryFile = join(shared, 'audio/esc50/wav/crying_baby/3-152007-A.flac');
  const cry = existsSync(cryFile)
    ? (await decoder.decodeFile(cryFile)).samples.slice(0, 5 * 16000)
    : Float32Array.from({ length: 5 * 16000 }, (_, i) => 0.3 * Math.sin(2 * Math.PI * (400 + 100 * Math.sin(i / 4000)) * (i / 16000)));
  const digits = (await decoder.decodeFile(join(REPO, 'samples', 'digits-en.wav'))).samples;
  const speech = new Float32Array(20 * 16000);
  for (let at = 0; at < speech.length; at += digits.length) speech.set(digits.subarray(0, Math.min(digits.length, speech.length - at)), at);
  return { cry, speech };
}

let variants = 0;
/** Every probe a distinct clip: identical clips share a job id and would measure the dedup cache. */
function variant(body: Buffer): Buffer {
  const copy = Buffer.from(body);
  copy.writeInt16LE((variants++ % 60000) - 30000, copy.length - 2);
  return copy;
}

async function probe(base: string, body: Buffer, seconds: number): Promise<{ ms: number[]; failed: number }> {
  const ms: number[] = [];
  let failed = 0;
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    const t = performance.now();
    const res = await fetch(`${base}/v1/cry-detection`, { method: 'POST', body: variant(body), headers: { authorization: `Bearer ${KEY}`, 'content-type': 'audio/wav' } });
    await res.arrayBuffer();
    if (res.status === 200) ms.push(performance.now() - t);
    else failed++;
  }
  return { ms, failed };
}

/** Where a cry request's time went, from the jobs' own timestamps: waiting in the queue, running on the worker. */
async function stages(queue: string, from: number, to: number): Promise<{ wait_p50_ms: number; run_p50_ms: number; run_p99_ms: number }> {
  const q = new Queue(queue, { connection: { url: REDIS_URL } });
  try {
    const jobs = (await q.getJobs(['completed'], 0, 2000)).filter((j) => j.timestamp >= from && j.timestamp <= to && j.processedOn && j.finishedOn);
    const wait = jobs.map((j) => j.processedOn! - j.timestamp);
    const run = jobs.map((j) => j.finishedOn! - j.processedOn!);
    return { wait_p50_ms: median(wait), run_p50_ms: median(run), run_p99_ms: percentile(run, 99) };
  } finally {
    await q.close();
  }
}

function flood(base: string, body: Buffer, clients: number): { stop: () => Promise<Record<string, number>> } {
  let running = true;
  const statuses: Record<string, number> = {};
  const ctl = new AbortController();
  const loops = Array.from({ length: clients }, async () => {
    while (running) {
      const form = new FormData();
      form.append('file', new Blob([body]), 'flood.wav');
      form.append('tasks', FLOOD_TASKS);
      try {
        const res = await fetch(`${base}/v1/understand`, { method: 'POST', body: form, headers: { authorization: `Bearer ${KEY}` }, signal: ctl.signal });
        await res.arrayBuffer();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status === 429) await new Promise((r) => setTimeout(r, 200));
      } catch {
        if (running) statuses.network = (statuses.network ?? 0) + 1;
      }
    }
  });
  return {
    stop: async () => {
      running = false;
      ctl.abort();
      await Promise.all(loops);
      return statuses;
    },
  };
}

async function main(): Promise<void> {
  const { cry, speech } = await clips();
  const cryBody = wavBytes(cry);
  const speechBody = wavBytes(speech);
  const run = randomUUID().slice(0, 8);
  const queues = { CRY_QUEUE: `flood-cry-${run}`, AED_QUEUE: `flood-aed-${run}`, ASR_QUEUE: `flood-asr-${run}`, MERGE_QUEUE: `flood-merge-${run}`, LID_QUEUE: `flood-lid-${run}`, SER_QUEUE: `flood-ser-${run}` };
  const [gwPort, aedPort, asrPort, batchPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const base = `http://127.0.0.1:${gwPort}`;
  // Split: AED_SERVE gives cameras their own process; the batch processes run with CPU_NICE.
  const nice: Record<string, string> = LAYOUT === 'split' ? { CPU_NICE: String(BATCH_NICE) } : {};
  const aed = new ServiceProcess(
    'aed',
    { REDIS_URL, ...queues, AED_PORT: String(aedPort), ...(LAYOUT === 'split' ? { AED_SERVE: 'cry' } : {}) },
    `http://127.0.0.1:${aedPort}/health`,
  );
  const aedBatch =
    LAYOUT === 'split'
      ? new ServiceProcess('aed', { REDIS_URL, ...queues, ...nice, AED_PORT: String(batchPort), AED_SERVE: 'aed' }, `http://127.0.0.1:${batchPort}/health`)
      : undefined;
  const asr = new ServiceProcess('asr', { REDIS_URL, ...queues, ...nice, ASR_PORT: String(asrPort), ASR_MODEL: 'digits-en-ctc' }, `http://127.0.0.1:${asrPort}/health`);
  const gateway = new ServiceProcess(
    'gateway',
    { REDIS_URL, ...queues, GATEWAY_PORT: String(gwPort), API_KEYS: `bench:*:${hashApiKey(KEY)}:100000000`, CRY_TIMEOUT_MS: '30000' },
    `${base}/health`,
  );
  const driver = new BullMqQueueDriver({ redisUrl: REDIS_URL });
  try {
    await Promise.all([aed.start(), asr.start(), gateway.start(), aedBatch?.start()]);
    await probe(base, cryBody, 2); // warm-up

    const aloneFrom = Date.now();
    const alone = await probe(base, cryBody, SECONDS);
    const aloneStages = await stages(queues.CRY_QUEUE, aloneFrom, Date.now());
    log(`cry alone: p50 ${round(median(alone.ms))} ms, p99 ${round(percentile(alone.ms, 99))} ms (${alone.ms.length} requests)`);

    const f = flood(base, speechBody, FLOOD_CLIENTS);
    await new Promise((r) => setTimeout(r, 3000));
    const floodFrom = Date.now();
    const flooded = await probe(base, cryBody, SECONDS);
    const floodStages = await stages(queues.CRY_QUEUE, floodFrom, Date.now());
    const aedDepth = (await driver.counts(queues.AED_QUEUE)).waiting;
    const asrDepth = (await driver.counts(queues.ASR_QUEUE)).waiting;
    const statuses = await f.stop();
    log(`cry during flood: p50 ${round(median(flooded.ms))} ms, p99 ${round(percentile(flooded.ms, 99))} ms (${flooded.ms.length} requests)`);
    log(`cry stages alone ${JSON.stringify(aloneStages)}, during flood ${JSON.stringify(floodStages)}`);
    log(`flood (${FLOOD_CLIENTS} clients): ${JSON.stringify(statuses)}; waiting at the end: aed ${aedDepth}, asr ${asrDepth}`);

    // What admission costs: one Redis count per request vs the gateway's cached depth.
    const roundTrip: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t = performance.now();
      await driver.counts(queues.ASR_QUEUE);
      roundTrip.push(performance.now() - t);
    }
    const cache = new QueueDepthCache(driver, 250);
    await cache.depth(queues.ASR_QUEUE);
    const cached: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t = performance.now();
      await cache.depth(queues.ASR_QUEUE);
      cached.push(performance.now() - t);
    }
    log(`admission check: Redis counts ${round(median(roundTrip), 3)} ms, cached ${round(median(cached) * 1000, 1)} µs (medians of 300)`);
    const rss = { gateway: await gateway.rssMiB(), aed: await aed.rssMiB(), asr: await asr.rssMiB() };

    process.stdout.write(
      `${JSON.stringify({
        bench: 'flood',
        seconds_per_phase: SECONDS,
        flood_clients: FLOOD_CLIENTS,
        flood_tasks: FLOOD_TASKS,
        layout: LAYOUT,
        batch_nice: LAYOUT === 'split' ? BATCH_NICE : 0,
        cry_alone_n: alone.ms.length,
        cry_alone_p50_ms: round(median(alone.ms)),
        cry_alone_p99_ms: round(percentile(alone.ms, 99)),
        cry_flood_n: flooded.ms.length,
        cry_flood_p50_ms: round(median(flooded.ms)),
        cry_flood_p99_ms: round(percentile(flooded.ms, 99)),
        ratio_p50_flood_vs_alone: round(median(flooded.ms) / median(alone.ms)),
        ratio_p99_flood_vs_alone: round(percentile(flooded.ms, 99) / percentile(alone.ms, 99)),
        cry_failed: alone.failed + flooded.failed,
        cry_stages_alone: aloneStages,
        cry_stages_flood: floodStages,
        flood_statuses: statuses,
        waiting_at_end: { aed: aedDepth, asr: asrDepth },
        counts_roundtrip_ms: round(median(roundTrip), 3),
        cached_depth_us: round(median(cached) * 1000, 2),
        rss_mib: rss,
      })}\n`,
    );
  } finally {
    await driver.close();
    await Promise.all([gateway.stop(), aed.stop(), asr.stop(), aedBatch?.stop()]);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`flood bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
