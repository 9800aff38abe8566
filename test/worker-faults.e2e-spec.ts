import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Queue, QueueEvents } from 'bullmq';
import request from 'supertest';
import { createAudioDecoder } from '@earshot/audio';
import { loadConfig } from '@earshot/platform';
import { GatewayConfig } from '../apps/gateway/src/gateway.config';
import { createGatewayApp } from '../apps/gateway/src/gateway.app';
import { ensureBuilt, freePort, REPO, RunningProcess, sleep, startService } from './support/services';
import { wav16 } from './support/wav';

// Worker crashes and shutdowns with real processes: the built ASR and AED workers are spawned from dist/, killed
// with SIGKILL or SIGTERM in the middle of a batch of HTTP requests to an in-process gateway, on the shared Redis
// (unique queue names). Short job locks make stalled-job recovery take seconds instead of the production 30 s.
jest.setTimeout(180_000);

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const LOCK_MS = 4000;
const STALLED_INTERVAL_MS = 1000;
const FAST_RECOVERY = { QUEUE_LOCK_DURATION_MS: String(LOCK_MS), QUEUE_STALLED_INTERVAL_MS: String(STALLED_INTERVAL_MS) };
const DIGITS = /four two seven one|4271/;

/** Per-job event log of one queue, from a QueueEvents stream of its own. */
class JobLog {
  readonly completed = new Map<string, number[]>();
  readonly stalled = new Map<string, number>();
  readonly failed = new Map<string, string>();
  readonly events: QueueEvents;

  constructor(queue: string) {
    this.events = new QueueEvents(queue, { connection: { url: REDIS_URL } });
    this.events.on('completed', ({ jobId }) => this.completed.set(jobId, [...(this.completed.get(jobId) ?? []), Date.now()]));
    this.events.on('stalled', ({ jobId }) => this.stalled.set(jobId, Date.now()));
    this.events.on('failed', ({ jobId, failedReason }) => this.failed.set(jobId, failedReason));
  }

  /** Every job completed exactly once, none failed. */
  expectEachOnce(n: number): void {
    expect(this.failed).toEqual(new Map());
    expect(this.completed.size).toBe(n);
    for (const [id, times] of this.completed) expect([id, times.length]).toEqual([id, 1]);
  }
}

/** Waits until the queue has active jobs, some jobs already done, and returns the active ids. */
async function activeMidBatch(queue: Queue, log: JobLog, timeoutMs = 60_000): Promise<string[]> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (log.completed.size >= 1) {
      const active = (await queue.getActive()).map((j) => j.id!);
      if (active.length > 0) return active;
    }
    await sleep(20);
  }
  throw new Error(`no active job on ${queue.name} within ${timeoutMs} ms`);
}

describe('worker faults with real processes (kill -9, SIGTERM) under load', () => {
  const queues = {
    asrQueue: `faults-asr-${randomUUID()}`,
    aedQueue: `faults-aed-${randomUUID()}`,
    cryQueue: `faults-cry-${randomUUID()}`,
    lidQueue: `faults-lid-${randomUUID()}`,
    serQueue: `faults-ser-${randomUUID()}`,
    mergeQueue: `faults-merge-${randomUUID()}`,
    itnQueue: `faults-itn-${randomUUID()}`,
  };
  const procs: RunningProcess[] = [];
  const logs: JobLog[] = [];
  const inspectors: Queue[] = [];
  let gateway: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  let speech: Buffer;
  let decoded: Float32Array;

  async function worker(name: 'asr' | 'aed', env: Record<string, string> = {}): Promise<RunningProcess> {
    const port = String(await freePort());
    const p = await startService(name, {
      REDIS_URL,
      ...FAST_RECOVERY,
      ...(name === 'asr'
        ? { ASR_PORT: port, ASR_QUEUE: queues.asrQueue, ASR_MODEL: 'digits-en-ctc', ASR_CONCURRENCY: '2' }
        : { AED_PORT: port, AED_QUEUE: queues.aedQueue, CRY_QUEUE: queues.cryQueue, CRY_CONCURRENCY: '2' }),
      ...env,
    });
    procs.push(p);
    return p;
  }

  function watch(queue: string): { log: JobLog; queue: Queue } {
    const log = new JobLog(queue);
    const q = new Queue(queue, { connection: { url: REDIS_URL } });
    logs.push(log);
    inspectors.push(q);
    return { log, queue: q };
  }

  const transcribe = () =>
    request(http).post('/v1/audio/transcriptions').attach('file', speech, 'digits.wav').field('language', 'en');

  beforeAll(async () => {
    ensureBuilt(['asr', 'aed']);
    // About 20 s of speech (the digits sample eight times): long enough that a job is caught in the middle.
    decoded = (await createAudioDecoder().decodeFile(join(REPO, 'samples/digits-en.wav'))).samples;
    const gap = 16000 * 0.3;
    const long = new Float32Array(8 * (decoded.length + gap));
    for (let i = 0; i < 8; i++) long.set(decoded, i * (decoded.length + gap));
    speech = wav16(long);

    const config = Object.assign(
      loadConfig(GatewayConfig, { REDIS_URL, LOG_LEVEL: 'error', AUTH_MODE: 'open', SYNC_TIMEOUT_MS: '90000', CRY_TIMEOUT_MS: '90000' }),
      queues,
    );
    gateway = await createGatewayApp({ config });
    await gateway.listen(0, '127.0.0.1');
    http = gateway.getHttpServer();
    await Promise.all([watch(queues.asrQueue).log.events.waitUntilReady(), watch(queues.cryQueue).log.events.waitUntilReady()]);
  });

  // Each scenario starts from no worker at all, so what is active belongs to the worker under test.
  afterEach(async () => {
    await Promise.all(procs.map((p) => p.stop(5000)));
  });

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop(5000)));
    await gateway?.close();
    for (const l of logs) await l.events.close();
    for (const q of inspectors) {
      await q.obliterate({ force: true }).catch(() => undefined);
      await q.close();
    }
  });

  it('kill -9 of the ASR worker mid-batch: the stalled jobs are taken again, every request answered once', async () => {
    const [log, queue] = [logs[0], inspectors[0]];
    const first = await worker('asr');
    const n = 10;
    const responses = Promise.all(Array.from({ length: n }, () => transcribe()));
    const active = await activeMidBatch(queue, log);
    first.signal('SIGKILL');
    const killedAt = Date.now();
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const interrupted = active.filter((id) => !log.completed.has(id));
    await worker('asr');

    for (const res of await responses) {
      expect([res.status, res.body.error]).toEqual([200, undefined]);
      expect(res.body.text.toLowerCase()).toMatch(DIGITS);
    }
    log.expectEachOnce(n);
    // The jobs the dead worker held were recovered from their expired locks, not lost and not run twice.
    expect(interrupted.length).toBeGreaterThan(0);
    for (const id of interrupted) expect(log.stalled.has(id)).toBe(true);
    expect(await queue.getJobCounts('active', 'wait', 'failed')).toEqual({ active: 0, wait: 0, failed: 0 });
    const recoveryMs = Math.max(...interrupted.map((id) => log.completed.get(id)![0] - killedAt));
    expect(recoveryMs).toBeLessThan(LOCK_MS + STALLED_INTERVAL_MS + 30_000);
    process.stdout.write(`faults: asr kill -9: ${n} requests, ${interrupted.length} interrupted, recovered in ${recoveryMs} ms, lost 0, duplicates 0\n`);
  });

  it('kill -9 of the AED (cry) worker mid-batch: every camera clip answered once', async () => {
    const [log, queue] = [logs[1], inspectors[1]];
    const first = await worker('aed');
    const n = 12;
    // Distinct clips (the endpoint deduplicates identical ones): 20 s of quiet noise with a different seed each.
    const clip = (seed: number) => {
      let s = seed + 1;
      const x = new Float32Array(16000 * 20);
      for (let i = 0; i < x.length; i++) {
        s = (s * 1103515245 + 12345) % 2147483648;
        x[i] = 0.05 * (s / 1073741824 - 1);
      }
      return wav16(x);
    };
    const responses = Promise.all(
      Array.from({ length: n }, (_, i) => request(http).post('/v1/cry-detection').set('Content-Type', 'audio/wav').send(clip(i))),
    );
    const active = await activeMidBatch(queue, log);
    first.signal('SIGKILL');
    const killedAt = Date.now();
    await first.exited;
    const interrupted = active.filter((id) => !log.completed.has(id));
    await worker('aed');

    for (const res of await responses) {
      expect([res.status, res.body.error]).toEqual([200, undefined]);
      expect(typeof res.body.crying).toBe('boolean');
    }
    log.expectEachOnce(n);
    expect(interrupted.length).toBeGreaterThan(0);
    for (const id of interrupted) expect(log.stalled.has(id)).toBe(true);
    expect(await queue.getJobCounts('active', 'wait', 'prioritized', 'failed')).toEqual({ active: 0, wait: 0, prioritized: 0, failed: 0 });
    const recoveryMs = Math.max(...interrupted.map((id) => log.completed.get(id)![0] - killedAt));
    process.stdout.write(`faults: cry kill -9: ${n} requests, ${interrupted.length} interrupted, recovered in ${recoveryMs} ms, lost 0, duplicates 0\n`);
  });

  it('SIGTERM: the worker finishes its in-flight jobs, exits 0, and leaves nothing stalled', async () => {
    const [log, queue] = [logs[0], inspectors[0]];
    const before = log.completed.size;
    const stalledBefore = log.stalled.size;
    const first = await worker('asr');
    const n = 8;
    const responses = Promise.all(Array.from({ length: n }, () => transcribe()));
    const started = Date.now();
    while (log.completed.size === before && Date.now() - started < 60_000) await sleep(20);
    const active = (await queue.getActive()).map((j) => j.id!);
    first.signal('SIGTERM');
    const termAt = Date.now();
    const exit = await first.exited;
    const exitMs = Date.now() - termAt;
    expect(exit).toEqual({ code: 0, signal: null });
    // Everything it held when told to stop was finished by it before it exited (read from Redis: the event stream
    // may deliver the completion after the exit is seen).
    for (const id of active) expect([id, await queue.getJobState(id)]).toEqual([id, 'completed']);
    await worker('asr');

    for (const res of await responses) expect(res.status).toBe(200);
    log.expectEachOnce(before + n);
    expect(log.stalled.size).toBe(stalledBefore);
    expect(await queue.getJobCounts('active', 'wait', 'failed')).toEqual({ active: 0, wait: 0, failed: 0 });
    process.stdout.write(`faults: asr SIGTERM: ${active.length} in flight finished, exit 0 after ${exitMs} ms, stalled 0\n`);
  });

  it('SIGTERM past SHUTDOWN_GRACE_MS: unfinished jobs are handed back through stalled-job recovery', async () => {
    const [log, queue] = [logs[0], inspectors[0]];
    const before = log.completed.size;
    const first = await worker('asr', { SHUTDOWN_GRACE_MS: '0' });
    const n = 6;
    const responses = Promise.all(Array.from({ length: n }, () => transcribe()));
    const started = Date.now();
    let active: string[] = [];
    while (active.length === 0 && Date.now() - started < 60_000) {
      active = (await queue.getActive()).map((j) => j.id!);
      await sleep(20);
    }
    first.signal('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    const handedBack = active.filter((id) => !log.completed.has(id));
    await worker('asr');

    for (const res of await responses) expect(res.status).toBe(200);
    log.expectEachOnce(before + n);
    for (const id of handedBack) expect(log.stalled.has(id)).toBe(true);
    expect(await queue.getJobCounts('active', 'wait', 'failed')).toEqual({ active: 0, wait: 0, failed: 0 });
  });
});
