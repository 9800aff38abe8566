import { EarshotError } from '@earshot/contracts';
import { DEFAULT_JOB_OPTIONS } from '@earshot/contracts';
import {
  ChildResults,
  EnqueueOptions,
  FlowNode,
  JobHandler,
  JobSnapshot,
  QueueCounts,
  QueueDriver,
  WaitOptions,
  WorkerHandle,
  WorkerOptions,
} from './queue-driver';
import { abortedWait, decodeFailure, encodeFailure } from './job-failure';

interface MemJob {
  snap: JobSnapshot;
  attempts: number;
  backoffMs: number;
  priority: number;
  seq: number;
  parent?: { queue: string; id: string };
  optional: boolean;
  pendingChildren: Set<string>;
  children: Array<{ queue: string; id: string }>;
  listeners: Array<() => void>;
  progressListeners: Array<(p: number | Record<string, unknown>) => void>;
}

interface MemWorker {
  handler: JobHandler<unknown, unknown>;
  concurrency: number;
  running: number;
  closed: boolean;
  idle: Array<() => void>;
}

let nextId = 1;

/**
 * Embedded mode: the same queue semantics in one process, no Redis. Jobs run on the event loop, so a
 * handler that blocks the loop blocks everything, exactly as a single-process server would.
 */
export class InMemoryQueueDriver implements QueueDriver {
  readonly kind = 'memory' as const;
  private readonly jobs = new Map<string, Map<string, MemJob>>();
  private readonly workers = new Map<string, MemWorker[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private seq = 0;
  private closed = false;

  async add<D>(queue: string, name: string, data: D, opts: EnqueueOptions = {}): Promise<string> {
    return this.insert({ queue, name, data, opts }, undefined);
  }

  async addFlow(flow: FlowNode): Promise<string> {
    return this.insert(flow, undefined);
  }

  async process<D, R>(queue: string, handler: JobHandler<D, R>, opts: WorkerOptions): Promise<WorkerHandle> {
    const worker: MemWorker = { handler: handler as JobHandler<unknown, unknown>, concurrency: Math.max(1, opts.concurrency), running: 0, closed: false, idle: [] };
    const list = this.workers.get(queue) ?? [];
    list.push(worker);
    this.workers.set(queue, list);
    this.schedule(queue);
    return {
      close: async () => {
        worker.closed = true;
        this.workers.set(queue, (this.workers.get(queue) ?? []).filter((w) => w !== worker));
        if (worker.running > 0) await new Promise<void>((r) => worker.idle.push(r));
      },
    };
  }

  waitForResult<R>(queue: string, jobId: string, opts: WaitOptions): Promise<R> {
    const { signal, onProgress } = opts;
    if (signal?.aborted) return Promise.reject(abortedWait(signal));
    const job = this.queue(queue).get(jobId);
    if (!job) return Promise.reject(new EarshotError('NOT_FOUND', `No job ${jobId} in ${queue}`));
    return new Promise<R>((resolve, reject) => {
      const release = () => {
        clearTimeout(timer);
        this.timers.delete(timer);
        job.listeners = job.listeners.filter((l) => l !== settle);
        if (onProgress) job.progressListeners = job.progressListeners.filter((l) => l !== onProgress);
        signal?.removeEventListener('abort', onAbort);
      };
      const settle = () => {
        release();
        if (job.snap.state === 'completed') resolve(job.snap.result as R);
        else reject(decodeFailure(job.snap.failedReason));
      };
      const onAbort = () => {
        release();
        reject(abortedWait(signal!));
      };
      const timer = setTimeout(() => {
        release();
        reject(new EarshotError('TIMEOUT', `Job ${jobId} did not finish within ${opts.timeoutMs} ms`));
      }, opts.timeoutMs);
      this.timers.add(timer);
      if (onProgress) job.progressListeners.push(onProgress);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (job.snap.state === 'completed' || job.snap.state === 'failed') settle();
      else job.listeners.push(settle);
    });
  }

  async getJob<D = unknown, R = unknown>(queue: string, jobId: string): Promise<JobSnapshot<D, R> | undefined> {
    const job = this.queue(queue).get(jobId);
    return job ? ({ ...job.snap } as JobSnapshot<D, R>) : undefined;
  }

  async remove(queue: string, jobId: string): Promise<boolean> {
    const job = this.queue(queue).get(jobId);
    if (!job || job.snap.state === 'active') return false;
    this.queue(queue).delete(jobId);
    return true;
  }

  async counts(queue: string): Promise<QueueCounts> {
    const c: QueueCounts = { waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 };
    for (const j of this.queue(queue).values()) {
      const s = j.snap.state;
      if (s === 'waiting' || s === 'prioritized' || s === 'waiting-children') c.waiting++;
      else if (s === 'active') c.active++;
      else if (s === 'delayed') c.delayed++;
      else if (s === 'failed') c.failed++;
      else if (s === 'completed') c.completed++;
    }
    return c;
  }

  async workerCount(queue: string): Promise<number> {
    return (this.workers.get(queue) ?? []).filter((w) => !w.closed).length;
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.workers.values()].flat();
    for (const w of all) w.closed = true;
    await Promise.all(all.filter((w) => w.running > 0).map((w) => new Promise<void>((r) => w.idle.push(r))));
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private queue(name: string): Map<string, MemJob> {
    let q = this.jobs.get(name);
    if (!q) {
      q = new Map();
      this.jobs.set(name, q);
    }
    return q;
  }

  private insert(node: FlowNode, parent: MemJob | undefined): string {
    if (this.closed) throw new EarshotError('DEPENDENCY_UNAVAILABLE', 'The queue driver is closed');
    const opts = node.opts ?? {};
    const id = opts.jobId ?? `m${nextId++}`;
    const q = this.queue(node.queue);
    const existing = q.get(id);
    if (existing) return id;
    const job: MemJob = {
      snap: { id, queue: node.queue, name: node.name, state: 'waiting', data: node.data, progress: 0, attemptsMade: 0, createdAt: Date.now() },
      attempts: opts.attempts ?? DEFAULT_JOB_OPTIONS.attempts,
      backoffMs: opts.backoffMs ?? DEFAULT_JOB_OPTIONS.backoff.delay,
      priority: opts.priority ?? 0,
      seq: this.seq++,
      parent: parent ? { queue: parent.snap.queue, id: parent.snap.id } : undefined,
      optional: opts.optional ?? false,
      pendingChildren: new Set(),
      children: [],
      listeners: [],
      progressListeners: [],
    };
    q.set(id, job);
    const children = node.children ?? [];
    if (children.length > 0) {
      job.snap.state = 'waiting-children';
      for (const child of children) {
        const childId = this.insert(child, job);
        const key = `${child.queue}\u0000${childId}`;
        job.children.push({ queue: child.queue, id: childId });
        const c = this.queue(child.queue).get(childId)!;
        if (c.snap.state !== 'completed' && !(c.snap.state === 'failed' && c.optional)) job.pendingChildren.add(key);
      }
      if (job.pendingChildren.size === 0) job.snap.state = 'waiting';
    }
    this.schedule(node.queue);
    return id;
  }

  private schedule(queue: string): void {
    // Defer so that add() returns before work starts, as it does with Redis. Not unref'd: an unref'd immediate
    // lets the loop sleep in poll until some other timer or I/O wakes it (seconds, in a process with no sockets).
    setImmediate(() => this.pump(queue));
  }

  private pump(queue: string): void {
    const workers = (this.workers.get(queue) ?? []).filter((w) => !w.closed);
    for (const w of workers) {
      while (w.running < w.concurrency) {
        const job = this.nextWaiting(queue);
        if (!job) return;
        void this.run(queue, w, job);
      }
    }
  }

  private nextWaiting(queue: string): MemJob | undefined {
    let best: MemJob | undefined;
    for (const j of this.queue(queue).values()) {
      if (j.snap.state !== 'waiting') continue;
      // Unprioritised first, then by priority (1 = highest), then FIFO: the order BullMQ uses.
      if (!best || j.priority < best.priority || (j.priority === best.priority && j.seq < best.seq)) best = j;
    }
    return best;
  }

  private async run(queue: string, worker: MemWorker, job: MemJob): Promise<void> {
    worker.running++;
    job.snap.state = 'active';
    job.snap.attemptsMade++;
    try {
      const result = await worker.handler({
        id: job.snap.id,
        queue,
        name: job.snap.name,
        data: job.snap.data,
        attemptsMade: job.snap.attemptsMade - 1,
        maxAttempts: job.attempts,
        updateProgress: async (p) => {
          job.snap.progress = p;
          for (const l of job.progressListeners) l(p);
        },
        childResults: async () => this.childResults(job),
      });
      job.snap.result = result;
      this.finish(job, 'completed');
    } catch (err) {
      const { reason, retryable } = encodeFailure(err);
      if (retryable && job.snap.attemptsMade < job.attempts) {
        job.snap.state = 'delayed';
        const t = setTimeout(() => {
          this.timers.delete(t);
          job.snap.state = 'waiting';
          this.pump(queue);
        }, job.backoffMs * 2 ** (job.snap.attemptsMade - 1));
        this.timers.add(t);
      } else {
        job.snap.failedReason = reason;
        this.finish(job, 'failed');
      }
    } finally {
      worker.running--;
      if (worker.running === 0) worker.idle.splice(0).forEach((r) => r());
      if (!worker.closed) this.pump(queue);
    }
  }

  private childResults(job: MemJob): ChildResults {
    const out: ChildResults = { values: {}, failures: [] };
    for (const c of job.children) {
      const child = this.queue(c.queue).get(c.id);
      if (!child) continue;
      if (child.snap.state === 'completed') out.values[c.id] = child.snap.result;
      else if (child.snap.state === 'failed') out.failures.push({ jobId: c.id, queue: c.queue, reason: child.snap.failedReason ?? '' });
    }
    return out;
  }

  private finish(job: MemJob, state: 'completed' | 'failed'): void {
    job.snap.state = state;
    job.snap.finishedAt = Date.now();
    job.listeners.splice(0).forEach((l) => l());
    job.progressListeners = [];
    if (!job.parent) return;
    const parent = this.queue(job.parent.queue).get(job.parent.id);
    if (!parent || parent.snap.state !== 'waiting-children') return;
    if (state === 'failed' && !job.optional) {
      parent.snap.failedReason = `${job.snap.failedReason ?? 'INTERNAL: a required step failed'}`;
      this.finish(parent, 'failed');
      return;
    }
    parent.pendingChildren.delete(`${job.snap.queue}\u0000${job.snap.id}`);
    if (parent.pendingChildren.size === 0) {
      parent.snap.state = 'waiting';
      this.schedule(parent.snap.queue);
    }
  }
}
