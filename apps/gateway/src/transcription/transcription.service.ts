import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AudioDecoder } from '@earshot/audio';
import {
  AedJobData,
  AsrJobData,
  AsrJobResult,
  AsrLanguage,
  AUDIO_TTL_SECONDS,
  EarshotError,
  ITN_JOB_LANGUAGES,
  ITN_TRANSCRIPT_JOB,
  ItnTranscriptJobData,
  isJobProgress,
  jobIdFrom,
  JobProgress,
  MergeJobData,
  MissingTask,
  OptionalTask,
  RichTranscript,
  SegmentClassifyJobData,
  SkippableStep,
  UnderstandTask,
} from '@earshot/contracts';
import { abortedWait, AUDIO_STORE, AudioStore, FlowNode, JobFailure, lostJobAsUnavailable, QUEUE_DRIVER, QueueDriver } from '@earshot/platform';
import { GatewayConfig } from '../gateway.config';
import { buildFromChildren } from './merge.processor';
import { WorkerPresence } from './worker-presence';

export interface UnderstandAudioOptions {
  /** Always includes asr. */
  tasks: UnderstandTask[];
  language: AsrLanguage;
  itn: boolean;
  /** The ASR job's progress reports, as they come. */
  onProgress?: (p: JobProgress) => void;
  /** Business key of the flow's job ids (a batch job's id and attempt); a fresh uuid per sync request. */
  requestId?: string;
  /**
   * Aborted when nobody wants the answer any more (the client went away, the job was cancelled): decoding stops,
   * no flow is queued, or the running flow's waits end at once and its unstarted jobs are removed.
   */
  signal?: AbortSignal;
}

export interface UnderstandRequest extends UnderstandAudioOptions {
  body: Buffer;
  contentType?: string;
}

/** How stale the "does this queue have a worker" answer may be (see WorkerPresence). */
const WORKER_PRESENCE_TTL_MS = 1000;

/** Model jobs retry once on transient failures (typed bad-input errors fail at once in the driver). */
const MODEL_JOB_ATTEMPTS = 2;
const MODEL_JOB_BACKOFF_MS = 500;

/**
 * One request = one flow `merge ← [itn? ← asr, lid?, ser?, aed?]` over the PCM stored once. The ASR job writes the
 * spoken form; the ITN step (when asked and served) rewrites it segment by segment with span maps, one job per
 * request. The sync answer waits for the ASR job (the request's deadline), then gives ITN and the optional analyses
 * a bounded extra time; past it the gateway merges what is there itself and drops the unfinished jobs, so a queue
 * without a worker never hangs a request.
 */
@Injectable()
export class TranscriptionService {
  private readonly logger = new Logger(TranscriptionService.name);
  private readonly presence: WorkerPresence;

  constructor(
    private readonly config: GatewayConfig,
    private readonly decoder: AudioDecoder,
    @Inject(AUDIO_STORE) private readonly store: AudioStore,
    @Inject(QUEUE_DRIVER) private readonly queue: QueueDriver,
  ) {
    this.presence = new WorkerPresence(queue, WORKER_PRESENCE_TTL_MS);
  }

  async understand(req: UnderstandRequest): Promise<RichTranscript> {
    const deadline = Date.now() + this.config.syncTimeoutMs;
    // Which steps have workers is asked while the upload decodes, off the request's critical path.
    const unavailableSteps = this.unservedSteps(req.tasks, req.itn);
    unavailableSteps.catch(() => undefined);
    const samples = await this.decode(
      { bytes: req.body, contentType: req.contentType },
      { timeoutMs: this.config.syncTimeoutMs, signal: req.signal },
    );
    return this.understandAudio(samples, req, deadline, unavailableSteps);
  }

  /** Upload bytes (or a file) to 16 kHz mono PCM under the gateway's limits. */
  async decode(
    input: { bytes: Buffer; contentType?: string } | { file: string },
    opts: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<Float32Array> {
    const limits = {
      maxBytes: this.config.maxUploadBytes,
      maxDurationSec: this.config.maxAudioSeconds,
      timeoutMs: opts.timeoutMs,
      signal: opts.signal,
    };
    if ('bytes' in input && input.bytes.length === 0)
      throw new EarshotError('AUDIO_EMPTY', 'The uploaded file is empty', 'file');
    const audio =
      'bytes' in input
        ? await this.decoder.decodeBuffer(input.bytes, { contentType: input.contentType }, limits)
        : await this.decoder.decodeFile(input.file, limits);
    if (opts.signal?.aborted) throw opts.signal.reason;
    return audio.samples;
  }

  /** The flow over PCM decoded already: the sync routes, the batch queue and embedded mode all run this one. */
  async understandAudio(
    samples: Float32Array,
    req: UnderstandAudioOptions,
    deadline = Date.now() + this.config.syncTimeoutMs,
    unavailableSteps: Promise<MissingTask[]> = this.unservedSteps(req.tasks, req.itn),
  ): Promise<RichTranscript> {
    if (samples.length === 0) throw new EarshotError('AUDIO_EMPTY', 'The file decodes to no audio', 'file');
    const requestId = req.requestId ?? randomUUID();
    const ref = await this.store.put(jobIdFrom('audio', requestId), samples, AUDIO_TTL_SECONDS);
    try {
      const jobs: MergeJobData['jobs'] = {};
      const unavailable = await unavailableSteps;
      if (req.signal?.aborted) throw abortedWait(req.signal);
      const steps: Array<UnderstandTask | 'itn'> = req.itn ? [...req.tasks, 'itn'] : req.tasks;
      for (const t of steps) if (!unavailable.some((u) => u.task === t)) jobs[t] = jobIdFrom(t, requestId);
      const mergeData: MergeJobData = {
        requestId,
        tasks: req.tasks,
        itn: req.itn,
        language: req.language,
        jobs,
        unavailable,
      };
      const mergeId = jobIdFrom('merge', requestId);
      const opts = (id: string, optional: boolean) => ({
        jobId: id,
        optional,
        attempts: MODEL_JOB_ATTEMPTS,
        backoffMs: MODEL_JOB_BACKOFF_MS,
      });
      // The model writes only where the rules cannot (a language without ITN rules, e.g. yue); the ITN step then
      // passes those segments through.
      const modelItn = jobs.itn !== undefined && !hasItnRules(req.language);
      const asrNode: FlowNode = {
        queue: this.config.asrQueue,
        name: 'asr',
        data: { audio: ref, language: req.language, itn: modelItn } satisfies AsrJobData,
        opts: opts(jobs.asr!, false),
      };
      const children: FlowNode[] = [
        jobs.itn
          ? {
              queue: this.config.itnQueue,
              name: ITN_TRANSCRIPT_JOB,
              data: { asrJobId: jobs.asr!, language: req.language } satisfies ItnTranscriptJobData,
              opts: opts(jobs.itn, true),
              children: [asrNode],
            }
          : asrNode,
      ];
      const classify: SegmentClassifyJobData = { audio: ref };
      if (jobs.lid)
        children.push({
          queue: this.config.lidQueue,
          name: 'lid',
          data: classify,
          opts: opts(jobs.lid, true),
        });
      if (jobs.ser)
        children.push({
          queue: this.config.serQueue,
          name: 'ser',
          data: classify,
          opts: opts(jobs.ser, true),
        });
      if (jobs.aed)
        children.push({
          queue: this.config.aedQueue,
          name: 'aed',
          data: { audio: ref } satisfies AedJobData,
          opts: opts(jobs.aed, true),
        });
      await this.queue.addFlow({
        queue: this.config.mergeQueue,
        name: 'merge',
        data: mergeData,
        opts: { jobId: mergeId },
        children,
      });

      try {
        return await this.awaitFlow(mergeData, mergeId, req, deadline);
      } catch (e) {
        if (req.signal?.aborted) await this.abandonFlow(mergeId, jobs);
        throw e;
      }
    } finally {
      // Every child has read the audio by the time the answer is known, or will never need it.
      await this.store.delete(ref).catch(() => undefined);
    }
  }

  /** The ASR job within the deadline, then the merged answer within the optional steps' extra time. */
  private async awaitFlow(
    mergeData: MergeJobData,
    mergeId: string,
    req: UnderstandAudioOptions,
    deadline: number,
  ): Promise<RichTranscript> {
    const asr = await this.queue
      .waitForResult<AsrJobResult>(this.config.asrQueue, mergeData.jobs.asr!, {
        timeoutMs: remaining(deadline),
        signal: req.signal,
        onProgress: req.onProgress && ((p) => isJobProgress(p) && req.onProgress!(p)),
      })
      .catch((e) => {
        throw timeoutAs(
          lostJobAsUnavailable(e),
          `No transcript within SYNC_TIMEOUT_MS (${this.config.syncTimeoutMs} ms): is an ASR worker running?`,
        );
      });
    const optionalWait = Math.min(this.config.optionalTaskTimeoutMs, remaining(deadline));
    try {
      return await this.queue.waitForResult<RichTranscript>(this.config.mergeQueue, mergeId, {
        timeoutMs: optionalWait,
        signal: req.signal,
      });
    } catch (e) {
      if (!(e instanceof EarshotError) || e.code !== 'TIMEOUT') throw lostJobAsUnavailable(e);
      return await this.mergeWithoutLate(mergeData, mergeId, asr);
    }
  }

  /**
   * Nobody wants the answer: the merge job goes first (in BullMQ that takes its whole tree when none of it is
   * running), then every step not yet started; a running step finishes on its worker and its result is dropped.
   * Parents before children, so no removal leaves a parent with no pending child (which would start it).
   */
  private async abandonFlow(mergeId: string, jobs: MergeJobData['jobs']): Promise<void> {
    const queues = { ...this.stepQueues, asr: this.config.asrQueue };
    const removals: Array<[string, string | undefined]> = [
      [this.config.mergeQueue, mergeId],
      ...(['itn', 'asr', 'lid', 'ser', 'aed'] as const).map((t): [string, string | undefined] => [queues[t], jobs[t]]),
    ];
    for (const [queue, id] of removals) if (id) await this.queue.remove(queue, id).catch(() => false);
  }

  private get stepQueues(): Record<SkippableStep, string> {
    const c = this.config;
    return { lid: c.lidQueue, ser: c.serQueue, aed: c.aedQueue, itn: c.itnQueue };
  }

  /**
   * Optional analyses (and the ITN step) whose queue no worker serves are reported missing at once instead of
   * costing every request OPTIONAL_TASK_TIMEOUT_MS; without ITN the text stays spoken. A worker that starts later
   * is used from the next request on.
   */
  private async unservedSteps(tasks: readonly UnderstandTask[], itn: boolean): Promise<MissingTask[]> {
    const queues = this.stepQueues;
    const optional: SkippableStep[] = tasks.filter((t): t is OptionalTask => t !== 'asr');
    if (itn) optional.push('itn');
    const counts = await Promise.all(optional.map((t) => this.presence.count(queues[t])));
    return optional
      .filter((_, i) => counts[i] === 0)
      .map((task) => ({ task, reason: `unavailable: no worker is serving ${queues[task]}` }));
  }

  /**
   * The optional analyses (and ITN step) still running or waiting at the deadline are left out and reported as
   * missing; without the ITN step's result the transcript is the ASR job's spoken form.
   */
  private async mergeWithoutLate(
    data: MergeJobData,
    mergeId: string,
    asr: AsrJobResult,
  ): Promise<RichTranscript> {
    const values: Record<string, unknown> = { [data.jobs.asr!]: asr };
    const failures: JobFailure[] = [];
    const queues = this.stepQueues;
    for (const task of ['itn', 'lid', 'ser', 'aed'] as const) {
      const id = data.jobs[task];
      if (!id) continue;
      const snap = await this.queue.getJob(queues[task], id);
      if (snap?.state === 'completed') values[id] = snap.result;
      else if (snap?.state === 'failed')
        failures.push({ jobId: id, queue: queues[task], reason: snap.failedReason ?? 'failed' });
    }
    // The parent still waits on its late children: removing it (and them) keeps abandoned flows out of Redis.
    const removed = await this.queue.remove(this.config.mergeQueue, mergeId).catch(() => false);
    if (!removed) this.logger.debug(`merge job ${mergeId} was not removed (already running or finished)`);
    return buildFromChildren(data, values, failures);
  }
}

function hasItnRules(language: string): boolean {
  return language === 'auto' || (ITN_JOB_LANGUAGES as readonly string[]).includes(language);
}

function remaining(deadline: number): number {
  return Math.max(1, deadline - Date.now());
}

function timeoutAs(e: unknown, message: string): unknown {
  return e instanceof EarshotError && e.code === 'TIMEOUT' ? new EarshotError('TIMEOUT', message) : e;
}
