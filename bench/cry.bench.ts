/**
 * `npm run bench:cry`: the firmware endpoint under load. Starts the built gateway and AED worker as separate
 * processes on real Redis, sends 5 s clips with autocannon at 1, 8 and 32 concurrent clients, and compares with
 * (a) the bare model call in one process (the floor) and (b) the two transports between gateway and model
 * (BullMQ queue vs @nestjs/microservices Redis request/reply), measured in the same run. Ends with one JSON line.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { firstValueFrom, timeout } from 'rxjs';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { createAudioDecoder } from '@earshot/audio';
import { CryJobData, CryResult, hashApiKey } from '@earshot/contracts';
import { CryDetector } from '@earshot/inference';
import { BullMqQueueDriver, RedisAudioStore } from '@earshot/platform';
import { median, percentile, REPO, round, ServiceProcess, timeEach as timeEachAfter } from './support/service-process';
import { wavBytes } from './support/wav';
import { CRY_DIRECT_PATTERN } from './support/cry-direct-responder';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const SEQUENTIAL = Number(process.env.BENCH_RUNS ?? 40);
const KEY = 'bench-camera-key';
const PORT = 18080;

async function clip(): Promise<Float32Array> {
  const shared = process.env.EARSHOT_SHARED_DATA ?? join(REPO, '..', 'shared', 'data');
  const file = join(shared, 'audio/esc50/wav/crying_baby/3-152007-A.flac');
  if (existsSync(file)) return (await createAudioDecoder().decodeFile(file)).samples.slice(0, 5 * 16000);
  // No corpora here: a 5 s warble of harmonics, loud enough to pass the energy gate.
  return Float32Array.from({ length: 5 * 16000 }, (_, i) => 0.3 * Math.sin(2 * Math.PI * (400 + 100 * Math.sin(i / 4000)) * (i / 16000)));
}

const timeEach = (n: number, fn: () => Promise<unknown>) => timeEachAfter(n, fn, 5);

let variants = 0;
function variant(body: Buffer): Buffer {
  const copy = Buffer.from(body);
  copy.writeInt16LE((variants++ % 60000) - 30000, copy.length - 2);
  return copy;
}

async function load(body: Buffer, connections: number): Promise<{ p50: number; p99: number; rps: number; errors: number; non2xx: number }> {
  const r = await autocannon({
    url: `http://127.0.0.1:${PORT}/v1/cry-detection`,
    method: 'POST',
    headers: { 'content-type': 'audio/wav', authorization: `Bearer ${KEY}` },
    // Every request a different clip (one sample changed): identical clips share a job id and would measure the cache.
    requests: [{ setupRequest: (req) => ({ ...req, body: variant(body) }) }],
    connections,
    duration: SECONDS,
  });
  return { p50: r.latency.p50, p99: r.latency.p99, rps: round(r.requests.average, 1), errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

async function main(): Promise<void> {
  const log = (s: string) => process.stdout.write(`${s}\n`);
  const samples = await clip();
  const body = wavBytes(samples);
  const modelDir = join(REPO, 'models', 'aed-events');

  // Floor: the model alone, in this process (decode of the WAV body included separately).
  const detector = await CryDetector.load(modelDir);
  const bare = await timeEach(SEQUENTIAL, () => detector.detect(samples));
  const decoder = createAudioDecoder();
  const decodeDetect = await timeEach(SEQUENTIAL, async () => detector.detect((await decoder.decodeBuffer(body)).samples));
  await detector.close();
  log(`bare model ${round(median(bare))} ms; decode+model ${round(median(decodeDetect))} ms (5 s clip)`);

  const cryQueue = `bench-cry-${randomUUID()}`;
  const worker = new ServiceProcess('aed', { REDIS_URL, CRY_QUEUE: cryQueue, AED_PORT: '18104', CRY_CONCURRENCY: '4' }, 'http://127.0.0.1:18104/health');
  const gateway = new ServiceProcess(
    'gateway',
    { REDIS_URL, CRY_QUEUE: cryQueue, GATEWAY_PORT: String(PORT), API_KEYS: `bench:cry-detection:${hashApiKey(KEY)}:100000000` },
    `http://127.0.0.1:${PORT}/health`,
  );
  const responder = spawn(process.execPath, [join(REPO, 'dist', 'bench', 'support', 'cry-direct-responder.js')], { env: { ...process.env, REDIS_URL }, stdio: ['ignore', 'pipe', 'inherit'] });
  const responderReady = new Promise<void>((resolve) => responder.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
  try {
    await Promise.all([worker.start(), gateway.start(), responderReady]);

    // Transport comparison, without HTTP: what each path adds on top of decode + model.
    const driver = new BullMqQueueDriver({ redisUrl: REDIS_URL });
    const store = new RedisAudioStore(REDIS_URL);
    let n = 0;
    const viaQueue = await timeEach(SEQUENTIAL, async () => {
      const id = `bench-${n++}-${randomUUID()}`;
      const audio = (await decoder.decodeBuffer(body)).samples;
      const ref = await store.put(id, audio, 60);
      const data: CryJobData = { audio: ref };
      await driver.add(cryQueue, 'cry', data, { jobId: id, priority: 1 });
      await driver.waitForResult<CryResult>(cryQueue, id, { timeoutMs: 10_000 });
      await store.delete(ref);
    });
    const url = new URL(REDIS_URL);
    const client = ClientProxyFactory.create({ transport: Transport.REDIS, options: { host: url.hostname, port: Number(url.port || 6379) } });
    await client.connect();
    const b64 = body.toString('base64');
    const viaDirect = await timeEach(SEQUENTIAL, () => firstValueFrom(client.send<CryResult>(CRY_DIRECT_PATTERN, { wav: b64 }).pipe(timeout(10_000))));
    await client.close();
    await driver.close();
    await store.close();
    log(`transport: BullMQ ${round(median(viaQueue))} ms, Redis request/reply ${round(median(viaDirect))} ms (median of ${SEQUENTIAL})`);

    // Over HTTP through the gateway, as firmware sees it.
    const http1 = await load(body, 1);
    const http8 = await load(body, 8);
    const http32 = await load(body, 32);
    for (const [c, r] of [[1, http1], [8, http8], [32, http32]] as const) log(`HTTP ${c} client(s): p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.rps} req/s, errors ${r.errors}, non-2xx ${r.non2xx}`);
    const rss = { gateway: await gateway.rssMiB(), aed: await worker.rssMiB() };

    process.stdout.write(
      `${JSON.stringify({
        bench: 'cry',
        clip_seconds: 5,
        bare_model_ms: round(median(bare)),
        bare_decode_model_ms: round(median(decodeDetect)),
        queue_path_ms: round(median(viaQueue)),
        direct_path_ms: round(median(viaDirect)),
        queue_over_direct_ms: round(median(viaQueue) - median(viaDirect)),
        http_c1_p50_ms: http1.p50,
        http_c1_p99_ms: http1.p99,
        http_c1_rps: http1.rps,
        http_c8_p50_ms: http8.p50,
        http_c8_p99_ms: http8.p99,
        http_c8_rps: http8.rps,
        http_c32_p50_ms: http32.p50,
        http_c32_p99_ms: http32.p99,
        http_c32_rps: http32.rps,
        http_errors: http1.errors + http8.errors + http32.errors,
        http_non2xx: http1.non2xx + http8.non2xx + http32.non2xx,
        ratio_c1_p50_vs_bare: round(http1.p50 / median(decodeDetect)),
        queue_p99_ms: round(percentile(viaQueue, 99)),
        direct_p99_ms: round(percentile(viaDirect, 99)),
        rss_mib_gateway: rss.gateway,
        rss_mib_aed: rss.aed,
      })}\n`,
    );
  } finally {
    responder.kill('SIGTERM');
    await Promise.all([gateway.stop(), worker.stop()]);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`cry bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
