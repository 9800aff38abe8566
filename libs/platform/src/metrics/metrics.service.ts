import { Inject, Injectable, Optional } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { QUEUE_DRIVER, QueueDriver } from '../queue/queue-driver';
import { SERVICE_NAME } from '../service-name';

/** Queue states reported as depth; `completed` is left out (it only grows until retention trims it). */
export const QUEUE_DEPTH_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

export type JobOutcome = 'completed' | 'failed';

/** Seconds; HTTP spans cry clips (tens of ms) to synchronous hour-long transcriptions. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
/** Seconds; one model call is 1 ms (a short LID segment) to tens of seconds (a long file on a big ASR model). */
const MODEL_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** A scrape must not hang on a Redis that does not answer. */
const COUNTS_TIMEOUT_MS = 2000;

/**
 * The Prometheus metrics of one service. Each instance owns its Registry (never prom-client's global one), so
 * several apps built in one process (tests, embedded mode) keep separate series.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly queues = new Set<string>();
  private readonly httpRequests: Counter<'route' | 'method' | 'status'>;
  private readonly httpDuration: Histogram<'route' | 'method' | 'status'>;
  private readonly jobs: Counter<'queue' | 'outcome'>;
  private readonly jobDuration: Histogram<'queue' | 'outcome'>;
  private readonly modelRuns: Histogram<'task' | 'model'>;

  constructor(
    @Optional() @Inject(SERVICE_NAME) service?: string,
    @Optional() @Inject(QUEUE_DRIVER) private readonly driver?: QueueDriver,
  ) {
    if (service) this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.httpRequests = new Counter({
      name: 'earshot_http_requests_total',
      help: 'HTTP requests answered, by route template, method and status',
      labelNames: ['route', 'method', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'earshot_http_request_duration_seconds',
      help: 'Time from request to the end of the answer, by route template, method and status',
      labelNames: ['route', 'method', 'status'],
      buckets: HTTP_BUCKETS,
      registers,
    });
    this.jobs = new Counter({
      name: 'earshot_jobs_total',
      help: 'Job attempts handled by this process, by queue and outcome (a retried job counts once per attempt)',
      labelNames: ['queue', 'outcome'],
      registers,
    });
    this.jobDuration = new Histogram({
      name: 'earshot_job_duration_seconds',
      help: 'Time a worker spent on one job attempt, by queue and outcome',
      labelNames: ['queue', 'outcome'],
      buckets: HTTP_BUCKETS,
      registers,
    });
    this.modelRuns = new Histogram({
      name: 'earshot_model_run_seconds',
      help: 'Inference time of one model call (features, ONNX runs, decoding) by task and model',
      labelNames: ['task', 'model'],
      buckets: MODEL_BUCKETS,
      registers,
    });
    const queues = this.queues;
    const read = (q: string) => this.queueCounts(q);
    new Gauge({
      name: 'earshot_queue_jobs',
      help: 'Jobs in a queue by state, read from the queue driver at scrape time',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        const all = await Promise.all([...queues].map(async (q) => [q, await read(q)] as const));
        for (const [queue, counts] of all) {
          if (!counts) continue;
          for (const state of QUEUE_DEPTH_STATES) this.set({ queue, state }, counts[state]);
        }
      },
    });
  }

  /** Reports this queue's depth on every scrape (the gateway's queues, each worker's own). */
  watchQueue(queue: string): void {
    this.queues.add(queue);
  }

  observeHttp(route: string, method: string, status: number, seconds: number): void {
    const labels = { route, method, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  observeJob(queue: string, outcome: JobOutcome, seconds: number): void {
    this.jobs.inc({ queue, outcome });
    this.jobDuration.observe({ queue, outcome }, seconds);
  }

  /** Runs one model call and records its time under `task` and `model` (failed calls are timed too). */
  async timeModel<T>(task: string, model: string, run: () => Promise<T>): Promise<T> {
    const end = this.modelRuns.startTimer({ task, model });
    try {
      return await run();
    } finally {
      end();
    }
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  /** Undefined when the driver does not answer in time: the scrape leaves the queue out instead of failing. */
  private async queueCounts(queue: string) {
    if (!this.driver) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), COUNTS_TIMEOUT_MS)));
    try {
      return await Promise.race([this.driver.counts(queue).catch(() => undefined), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** For engines whose MetricsService is optional (built outside a service module, e.g. by the CLI). */
export function timeModelRun<T>(metrics: MetricsService | undefined, task: string, model: string, run: () => Promise<T>): Promise<T> {
  return metrics ? metrics.timeModel(task, model, run) : run();
}
