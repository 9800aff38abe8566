import IORedis, { Redis } from 'ioredis';
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
import { decodeFailure, encodeFailure } from './job-failure';

export interface BullMqDriverOptions {
  redisUrl: string;
  /** Key prefix in Redis; the public queue contract uses the default. */
  prefix?: string;
}

function jobOptions(opts: EnqueueOptions & { optional?: boolean } = {}): JobsOptions {
  return {
    jobId: opts.jobId,
    priority: opts.priority,
    attempts: opts.attempts ?? DEFAULT_JOB_OPTIONS.attempts,
    backoff: { type: 'exponential', delay: opts.backoffMs ?? DEFAULT_JOB_OPTIONS.backoff.delay },
    removeOnComplete: DEFAULT_JOB_OPTIONS.removeOnComplete,
    removeOnFail: DEFAULT_JOB_OPTIONS.removeOnFail,
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

/** Distributed mode: BullMQ on Redis. One shared connection; BullMQ duplicates it for blocking reads. */
export class BullMqQueueDriver implements QueueDriver {
  readonly kind = 'bullmq' as const;
  private readonly connection: Redis;
  private readonly prefix: string;
  private readonly queues = new Map<string, Queue>();
  private readonly events = new Map<string, QueueEvents>();
  private readonly workers = new Set<Worker>();
  private flows?: FlowProducer;

  constructor(opts: BullMqDriverOptions) {
    this.prefix = opts.prefix ?? 'bull';
    this.connection = new IORedis(opts.redisUrl, {
      maxRetriesPerRequest: null,
      enableOfflineQueue: true,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    // Connection errors surface through health checks and failed calls; never crash the process.
    this.connection.on('error', () => undefined);
  }

  async add<D>(queue: string, name: string, data: D, opts: EnqueueOptions = {}): Promise<string> {
    const job = await this.queue(queue).add(name, data, jobOptions(opts));
    return job.id!;
  }

  async addFlow(flow: FlowNode): Promise<string> {
    this.flows ??= new FlowProducer({ connection: this.connection, prefix: this.prefix });
    const tree = await this.flows.add(toFlowJob(flow, this.prefix));
    return tree.job.id!;
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
            updateProgress: (p) => job.updateProgress(p),
            childResults: () => this.childResults(job),
          });
        } catch (err) {
          const { reason, retryable } = encodeFailure(err);
          throw retryable ? new Error(reason) : new UnrecoverableError(reason);
        }
      },
      { connection: this.connection, prefix: this.prefix, concurrency: opts.concurrency, autorun: true },
    );
    worker.on('error', () => undefined);
    this.workers.add(worker);
    await worker.waitUntilReady();
    return {
      close: async () => {
        this.workers.delete(worker);
        await worker.close();
      },
    };
  }

  async waitForResult<R>(queue: string, jobId: string, opts: WaitOptions): Promise<R> {
    const events = await this.queueEvents(queue);
    const job = await Job.fromId(this.queue(queue), jobId);
    if (!job) throw new EarshotError('NOT_FOUND', `No job ${jobId} in ${queue}`);
    const onProgress = ({ jobId: id, data }: { jobId: string; data: unknown }) => {
      if (id === jobId) opts.onProgress?.(data as number | Record<string, unknown>);
    };
    if (opts.onProgress) events.on('progress', onProgress);
    try {
      return (await job.waitUntilFinished(events, opts.timeoutMs)) as R;
    } catch (err) {
      const message = (err as Error).message ?? '';
      if (/timed out before finishing/i.test(message)) {
        throw new EarshotError('TIMEOUT', `Job ${jobId} did not finish within ${opts.timeoutMs} ms`);
      }
      throw decodeFailure(message);
    } finally {
      if (opts.onProgress) events.off('progress', onProgress);
    }
  }

  async getJob<D = unknown, R = unknown>(queue: string, jobId: string): Promise<JobSnapshot<D, R> | undefined> {
    const job = await Job.fromId(this.queue(queue), jobId);
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
    const job = await Job.fromId(this.queue(queue), jobId);
    if (!job || (await job.isActive())) return false;
    try {
      await job.remove();
      return true;
    } catch {
      return false;
    }
  }

  async counts(queue: string): Promise<QueueCounts> {
    const c = await this.queue(queue).getJobCounts('waiting', 'prioritized', 'waiting-children', 'active', 'delayed', 'failed', 'completed');
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

  async ping(): Promise<boolean> {
    try {
      return (await this.connection.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /** Runs every cleanup even if one fails: workers first (finish or hand back jobs), then producers. */
  async close(): Promise<void> {
    const closers = [
      ...[...this.workers].map((w) => () => w.close()),
      ...[...this.events.values()].map((e) => () => e.close()),
      ...[...this.queues.values()].map((q) => () => q.close()),
      ...(this.flows ? [() => this.flows!.close()] : []),
    ];
    await Promise.allSettled(closers.map((c) => c()));
    this.workers.clear();
    this.events.clear();
    this.queues.clear();
    await this.connection.quit().catch(() => this.connection.disconnect());
  }

  /** The BullMQ Queue behind a name, for tools that speak BullMQ themselves (the gateway's queue dashboard). */
  bullQueue(name: string): Queue {
    return this.queue(name);
  }

  private queue(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.connection, prefix: this.prefix });
      q.on('error', () => undefined);
      this.queues.set(name, q);
    }
    return q;
  }

  private async queueEvents(name: string): Promise<QueueEvents> {
    let e = this.events.get(name);
    if (!e) {
      e = new QueueEvents(name, { connection: this.connection, prefix: this.prefix });
      e.on('error', () => undefined);
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
