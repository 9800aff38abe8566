/**
 * The queue abstraction every service talks to. Two implementations: BullMQ on Redis (distributed mode)
 * and in-process (embedded mode: the CLI and one-process deployments). Both keep the same semantics:
 * deterministic job ids deduplicate, typed non-retryable errors fail at once, retryable ones back off,
 * flows run children before their parent and optional children may fail without failing the parent.
 */
export interface EnqueueOptions {
  /** Deterministic id from business keys; adding an existing id returns the existing job. */
  jobId?: string;
  /** 1 is the highest priority; unset runs before any prioritised job is considered (BullMQ semantics). */
  priority?: number;
  attempts?: number;
  backoffMs?: number;
  /** How long finished jobs stay readable; the contract's JOB_RETENTION when unset. */
  retention?: JobRetention;
}

export interface JobRetention {
  completed: { age: number; count: number };
  failed: { age: number; count: number };
}

export interface JobFailure {
  jobId: string;
  queue: string;
  reason: string;
}

export interface ChildResults {
  /** Results of children that completed, by child job id. */
  values: Record<string, unknown>;
  /** Optional children that failed, with their failure reasons. */
  failures: JobFailure[];
}

export interface JobContext<D> {
  readonly id: string;
  readonly queue: string;
  readonly name: string;
  readonly data: D;
  readonly attemptsMade: number;
  /** Attempts the job may make in all, so a handler knows when a failure is final. */
  readonly maxAttempts: number;
  updateProgress(progress: number | Record<string, unknown>): Promise<void>;
  childResults(): Promise<ChildResults>;
}

export type JobHandler<D, R> = (job: JobContext<D>) => Promise<R>;

export type JobState = 'waiting' | 'waiting-children' | 'delayed' | 'prioritized' | 'active' | 'completed' | 'failed' | 'unknown';

export interface JobSnapshot<D = unknown, R = unknown> {
  id: string;
  queue: string;
  name: string;
  state: JobState;
  data: D;
  result?: R;
  failedReason?: string;
  progress: number | Record<string, unknown>;
  attemptsMade: number;
  createdAt: number;
  finishedAt?: number;
}

export interface FlowNode {
  queue: string;
  name: string;
  data: unknown;
  opts?: EnqueueOptions & {
    /** An optional child may fail; its parent still runs and sees the failure in childResults(). */
    optional?: boolean;
  };
  children?: FlowNode[];
}

export interface WorkerOptions {
  concurrency: number;
}

export interface WorkerHandle {
  close(): Promise<void>;
}

export interface WaitOptions {
  timeoutMs: number;
  onProgress?: (progress: number | Record<string, unknown>) => void;
  /** Stops waiting at once (the job itself runs on): rejects with the signal's typed reason, else CANCELLED. */
  signal?: AbortSignal;
}

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export interface QueueDriver {
  readonly kind: 'bullmq' | 'memory';
  add<D>(queue: string, name: string, data: D, opts?: EnqueueOptions): Promise<string>;
  addFlow(flow: FlowNode): Promise<string>;
  process<D, R>(queue: string, handler: JobHandler<D, R>, opts: WorkerOptions): Promise<WorkerHandle>;
  /** Resolves with the job's result, rejects with its failure as an EarshotError, TIMEOUT, or the abort reason. */
  waitForResult<R>(queue: string, jobId: string, opts: WaitOptions): Promise<R>;
  getJob<D = unknown, R = unknown>(queue: string, jobId: string): Promise<JobSnapshot<D, R> | undefined>;
  /** Removes a job that is not running; false when it is active or unknown. */
  remove(queue: string, jobId: string): Promise<boolean>;
  counts(queue: string): Promise<QueueCounts>;
  /** Workers currently taking jobs from the queue (in any process), so callers can skip tasks nobody serves. */
  workerCount(queue: string): Promise<number>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const QUEUE_DRIVER = Symbol('QUEUE_DRIVER');
