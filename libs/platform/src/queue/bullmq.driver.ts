import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { FlowJob, FlowProducer, Job, JobsOptions, Queue, QueueEvents, UnrecoverableError, Worker } from 'bullmq';
import { DEFAULT_JOB_OPTIONS, EarshotError } from '@earshot/contracts';
import {
  ChildResults,
  EnqueueOptions,
  FlowNode,
  JobHandler,
  JobSnapshot,
  JobState,
  QueueCounts,
  QueueDriver,
  WaitOptions,
  WorkerHandle,
  WorkerOptions,
} from './queue-driver';
import { abortedWait, decodeFailure, encodeFailure } from './job-failure';
import { asUnavailable, createRedis, whenReady } from '../redis/redis-client';

/** How workers hold and recover jobs; production defaults are in CommonConfig (QUEUE_* and SHUTDOWN_GRACE_MS). */
export interface BullMqWorkerSettings {
  /** A dead worker's jobs are taken again at most this long after it died (lock expiry). */
  lockDurationMs: number;
  /** How often expired locks are looked for. */
  stalledIntervalMs: number;
  /** Recoveries from dead workers before the job fails. */
  maxStalledCount: number;
  /** On close, how long in-flight jobs may run on before they are left to stalled-job recovery. */
  shutdownGraceMs: number;
}

/** BullMQ's own defaults (30 s lock and stall check), two recoveries, 30 s to finish in-flight jobs on shutdown. */
export const DEFAULT_WORKER_SETTINGS: BullMqWorkerSettings = {
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 2,
  shutdownGraceMs: 30_000,
};

export interface BullMqDriverOptions {
  redisUrl: string;
  /** Key prefix in Redis; the public queue contract uses the default. */
  prefix?: string;
  worker?: Partial<BullMqWorkerSettings>;
}

const WHAT = 'The job queue';
/** How often a waiter re-reads its job's state besides listening to events (a safety net across outages). */
const WAIT_POLL_MS = 1000;

function jobOptions(opts: EnqueueOptions & { optional?: boolean } = {}): JobsOptions {
  return {
    jobId: opts.jobId,
    priority: opts.priority,
    attempts: opts.attempts ?? DEFAULT_JOB_OPTIONS.attempts,
    backoff: { type: 'exponential', delay: opts.backoffMs ?? DEFAULT_JOB_OPTIONS.backoff.delay },
    removeOnComplete: opts.retention?.completed ?? DEFAULT_JOB_OPTIONS.removeOnComplete,
    removeOnFail: opts.retention?.failed ?? DEFAULT_JOB_OPTIONS.removeOnFail,
    // A required child failing fails its parent; an optional one lets the parent run and report it.
    ...(opts.optional ? { ignoreDependencyOnFailure: true } : { failParentOnFailure: true }),
  };
}

function toFlowJob(node: FlowNode, prefix: string): FlowJob {
  return {
    queueName: node.queue,
    name: node.name,
    data: node.data,
    prefix,
    opts: jobOptions(node.opts),
    children: node.children?.map((c) => toFlowJob(c, prefix)),
  };
}

/** Parses "bull:queue:id" keys as BullMQ reports children. */
function parseJobKey(key: string, prefix: string): { queue: string; id: string } {
  const rest = key.startsWith(`${prefix}:`) ? key.slice(prefix.length + 1) : key;
  const i = rest.lastIndexOf(':');
  return { queue: rest.slice(0, i), id: rest.slice(i + 1) };
}

/**
 * Distributed mode: BullMQ on Redis. Two connections: a patient one for workers and event streams (they ride out a
 * Redis outage and carry on), and a fail-fast one for everything a request waits on (enqueue, look-ups), which
 * refuses at once with QUEUE_UNAVAILABLE (503, Retry-After) while Redis is away. BullMQ duplicates the patient one
 * for blocking reads.
 */
export class BullMqQueueDriver implements QueueDriver {
  readonly kind = 'bullmq' as const;
  private readonly logger = new Logger(BullMqQueueDriver.name);
  private readonly connection: Redis;
  private readonly producer: Redis;
  private readonly settings: BullMqWorkerSettings;
  private readonly prefix: string;
  private readonly queues = new Map<string, Queue>();
  private readonly patientQueues = new Map<string, Queue>();
  private readonly events = new Map<string, QueueEvents>();
  private readonly workers = new Set<Worker>();
  private flows?: FlowProducer;

  constructor(opts: BullMqDriverOptions) {
    this.prefix = opts.prefix ?? 'bull';
    this.settings = { ...DEFAULT_WORKER_SETTINGS, ...opts.worker };
    this.connection = createRedis(opts.redisUrl, 'patient');
    this.producer = createRedis(opts.redisUrl, 'fail-fast');
  }

  async add<D>(queue: string, name: string, data: D, opts: EnqueueOptions = {}): Promise<string> {
    return this.refusingWhenDown(async () => (await this.queue(queue).add(name, data, jobOptions(opts))).id!);
  }

  async addFlow(flow: FlowNode): Promise<string> {
    return this.refusingWhenDown(async () => {
      if (!this.flows) {
        this.flows = new FlowProducer({ connection: this.producer, prefix: this.prefix });
        this.flows.on('error', () => undefined);
      }
      return (await this.flows.add(toFlowJob(flow, this.prefix))).job.id!;
    });
  }

  async process<D, R>(queue: string, handler: JobHandler<D, R>, opts: WorkerOptions): Promise<WorkerHandle> {
    const worker = new Worker(
      queue,
      async (job: Job) => {
        try {
          return await handler({
            id: job.id!,
            queue,
            name: job.name,
            data: job.data as D,
            attemptsMade: job.attemptsMade,
            maxAttempts: job.opts.attempts ?? 1,
            updateProgress: (p) => job.updateProgress(p),
            childResults: () => this.childResults(job),
          });
        } catch (err) {
          const { reason, retryable } = encodeFailure(err);
          throw retryable ? new Error(reason) : new UnrecoverableError(reason);
        }
      },
      {
        connection: this.connection,
        prefix: this.prefix,
        concurrency: opts.concurrency,
        autorun: true,
        lockDuration: this.settings.lockDurationMs,
        stalledInterval: this.settings.stalledIntervalMs,
        maxStalledCount: this.settings.maxStalledCount,
      },
    );
    worker.on('error', () => undefined);
    this.workers.add(worker);
    await worker.waitUntilReady();
    return {
      close: async () => {
        this.workers.delete(worker);
        await this.closeWorker(worker, queue);
      },
    };
  }

  /**
   * Stops taking jobs and lets in-flight ones finish. Past the grace period the rest are left active: their locks
   * expire and another worker's stalled-job check puts them back in the queue, so nothing is lost or done twice.
   */
  private async closeWorker(worker: Worker, queue: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'grace-over'>((r) => (timer = setTimeout(() => r('grace-over'), this.settings.shutdownGraceMs)));
    const outcome = await Promise.race([worker.close().then(() => 'closed' as const), graceOver]);
    clearTimeout(timer);
    if (outcome === 'grace-over') {
      this.logger.warn(`${queue}: jobs still running after ${this.settings.shutdownGraceMs} ms; leaving them to stalled-job recovery`);
      await worker.close(true).catch(() => undefined);
    }
  }

  /**
   * Waits on the queue's event stream and also reads the job's state now and every WAIT_POLL_MS on the patient
   * connection: an accepted job is waited for through a Redis outage (events published while the stream was
   * unreachable are not lost on the caller), and one that vanished (Redis restarted without its data) is reported
   * as NOT_FOUND at once instead of at the timeout.
   */
  async waitForResult<R>(queue: string, jobId: string, opts: WaitOptions): Promise<R> {
    const { signal } = opts;
    if (signal?.aborted) throw abortedWait(signal);
    const events = await this.queueEvents(queue);
    const patient = this.queue(queue, 'patient');
    return new Promise<R>((resolve, reject) => {
      let settled = false;
      let polling = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(poller);
        events.off('completed', onCompleted);
        events.off('failed', onFailed);
        events.off('progress', onProgress);
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const onAbort = () => settle(() => reject(abortedWait(signal!)));
      const onCompleted = ({ jobId: id, returnvalue }: { jobId: string; returnvalue: unknown }) => {
        if (id === jobId) settle(() => resolve(returnvalue as R));
      };
      const onFailed = ({ jobId: id, failedReason }: { jobId: string; failedReason: string }) => {
        if (id === jobId) settle(() => reject(decodeFailure(failedReason)));
      };
      const onProgress = ({ jobId: id, data }: { jobId: string; data: unknown }) => {
        if (id === jobId) opts.onProgress?.(data as number | Record<string, unknown>);
      };
      const poll = async () => {
        if (polling || settled) return;
        polling = true;
        try {
          // State first, then the job: read the other way round, a job finishing in between would lack its result.
          const state = await patient.getJobState(jobId);
          if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return;
          const job = await Job.fromId(patient, jobId);
          if (!job) return settle(() => reject(new EarshotError('NOT_FOUND', `No job ${jobId} in ${queue}`)));
          if (state === 'completed') settle(() => resolve(job.returnvalue as R));
          else if (state === 'failed') settle(() => reject(decodeFailure(job.failedReason ?? 'failed')));
        } catch {
          // Redis unreachable: the next poll or the event stream will tell.
        } finally {
          polling = false;
        }
      };
      events.on('completed', onCompleted);
      events.on('failed', onFailed);
      if (opts.onProgress) events.on('progress', onProgress);
      const timer = setTimeout(
        () => settle(() => reject(new EarshotError('TIMEOUT', `Job ${jobId} did not finish within ${opts.timeoutMs} ms`))),
        opts.timeoutMs,
      );
      const poller = setInterval(() => void poll(), WAIT_POLL_MS);
      // Checked again here: the signal may have fired while the event stream was connecting.
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      void poll();
    });
  }

  async getJob<D = unknown, R = unknown>(queue: string, jobId: string): Promise<JobSnapshot<D, R> | undefined> {
    const job = await this.refusingWhenDown(() => Job.fromId(this.queue(queue), jobId));
    if (!job) return undefined;
    const state = (await job.getState()) as JobState;
    return {
      id: job.id!,
      queue,
      name: job.name,
      state: state ?? 'unknown',
      data: job.data as D,
      result: job.returnvalue as R,
      failedReason: job.failedReason || undefined,
      progress: job.progress as number | Record<string, unknown>,
      attemptsMade: job.attemptsMade,
      createdAt: job.timestamp,
      finishedAt: job.finishedOn,
    };
  }

  async remove(queue: string, jobId: string): Promise<boolean> {
    const job = await this.refusingWhenDown(() => Job.fromId(this.queue(queue), jobId));
    if (!job || (await job.isActive())) return false;
    try {
      await job.remove();
      return true;
    } catch {
      return false;
    }
  }

  async counts(queue: string): Promise<QueueCounts> {
    const c = await this.refusingWhenDown(() => this.queue(queue).getJobCounts('waiting', 'prioritized', 'waiting-children', 'active', 'delayed', 'failed', 'completed'));
    return {
      waiting: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c['waiting-children'] ?? 0),
      active: c.active ?? 0,
      delayed: c.delayed ?? 0,
      failed: c.failed ?? 0,
      completed: c.completed ?? 0,
    };
  }

  async workerCount(queue: string): Promise<number> {
    return this.queue(queue).getWorkersCount();
  }

  /** False at once while either connection is down, so /health answers 503 quickly during an outage. */
  async ping(): Promise<boolean> {
    if (this.producer.status !== 'ready' || this.connection.status !== 'ready') return false;
    try {
      return (await this.producer.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /** Runs every cleanup even if one fails: workers first (finish or hand back jobs), then producers. */
  async close(): Promise<void> {
    const closers = [
      ...[...this.workers].map((w) => () => w.close()),
      ...[...this.events.values()].map((e) => () => e.close()),
      ...[...this.queues.values(), ...this.patientQueues.values()].map((q) => () => q.close()),
      ...(this.flows ? [() => this.flows!.close()] : []),
    ];
    await Promise.allSettled(closers.map((c) => c()));
    this.workers.clear();
    this.events.clear();
    this.queues.clear();
    this.patientQueues.clear();
    await Promise.all([this.connection, this.producer].map((c) => c.quit().catch(() => c.disconnect())));
  }

  /** The BullMQ Queue behind a name, for tools that speak BullMQ themselves (the gateway's queue dashboard). */
  bullQueue(name: string): Queue {
    return this.queue(name);
  }

  private async refusingWhenDown<T>(op: () => Promise<T>): Promise<T> {
    await whenReady(this.producer, WHAT);
    try {
      return await op();
    } catch (err) {
      throw asUnavailable(err, this.producer, WHAT);
    }
  }

  private queue(name: string, kind: 'fail-fast' | 'patient' = 'fail-fast'): Queue {
    const queues = kind === 'patient' ? this.patientQueues : this.queues;
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: kind === 'patient' ? this.connection : this.producer, prefix: this.prefix });
      q.on('error', () => undefined);
      // Every request waiting on a job of this queue listens for its closing: many at once is normal here.
      q.setMaxListeners(0);
      queues.set(name, q);
    }
    return q;
  }

  private async queueEvents(name: string): Promise<QueueEvents> {
    let e = this.events.get(name);
    if (!e) {
      e = new QueueEvents(name, { connection: this.connection, prefix: this.prefix });
      e.on('error', () => undefined);
      // One completed/failed listener per waiting request: many at once is normal here.
      e.setMaxListeners(0);
      this.events.set(name, e);
      await e.waitUntilReady();
    }
    return e;
  }

  private async childResults(job: Job): Promise<ChildResults> {
    // Both reads at once: one round trip less for every merge (and ITN) job.
    const [children, ignored] = await Promise.all([job.getChildrenValues(), job.getIgnoredChildrenFailures()]);
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(children)) values[parseJobKey(key, this.prefix).id] = value;
    const failures = Object.entries(ignored).map(([key, reason]) => {
      const { queue, id } = parseJobKey(key, this.prefix);
      return { jobId: id, queue, reason: String(reason) };
    });
    return { values, failures };
  }
}
