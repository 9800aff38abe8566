import { Inject, Injectable } from '@nestjs/common';
import {
  AedJobResult,
  AsrResult,
  EarshotError,
  MergeJobData,
  MissingTask,
  RichTranscript,
  SegmentClassifyResult,
  SkippableStep,
} from '@earshot/contracts';
import { JobContext, JobFailure, QUEUE_DRIVER, QueueDriver, QueueProcessor } from '@earshot/platform';
import { GatewayConfig } from '../gateway.config';
import { mergeTranscript } from './merge-transcript';

/** Merging is bookkeeping over small JSON results: a few at once keep up with many model workers. */
const MERGE_CONCURRENCY = 8;

/** The parent of each request's flow, run inside the gateway: children results in, the rich transcript out. */
@Injectable()
export class MergeProcessor extends QueueProcessor<MergeJobData, RichTranscript> {
  constructor(
    @Inject(QUEUE_DRIVER) driver: QueueDriver,
    private readonly config: GatewayConfig,
  ) {
    super(driver, config.mergeQueue, MERGE_CONCURRENCY);
  }

  async handle(job: JobContext<MergeJobData>): Promise<RichTranscript> {
    const { values, failures } = await job.childResults();
    const { asr, itn } = job.data.jobs;
    // The ASR job is the ITN step's child, not ours: read it only when the ITN step gave nothing.
    if (itn && values[itn] === undefined && asr) {
      const snap = await this.driver.getJob(this.config.asrQueue, asr);
      if (snap?.state === 'completed') values[asr] = snap.result;
    }
    return buildFromChildren(job.data, values, failures);
  }
}

/**
 * Shared by the merge job and the gateway's fallback (when optional children are still pending at the deadline):
 * a task with no value is reported as missing with its failure reason, or as not finished in time. The transcript
 * is the ITN step's (written form) when it finished, else the ASR job's (spoken form, ITN reported missing).
 */
export function buildFromChildren(
  data: MergeJobData,
  values: Record<string, unknown>,
  failures: JobFailure[],
): RichTranscript {
  const value = <T>(task: keyof MergeJobData['jobs']): T | undefined => {
    const id = data.jobs[task];
    return id !== undefined ? (values[id] as T | undefined) : undefined;
  };
  const written = value<AsrResult>('itn');
  const asr = written ?? value<AsrResult>('asr');
  if (!asr)
    throw new EarshotError('INTERNAL', `request ${data.requestId}: the ASR result is missing from the flow`);
  const missing: MissingTask[] = [...(data.unavailable ?? [])];
  for (const task of ['itn', 'lid', 'ser', 'aed'] as SkippableStep[]) {
    const id = data.jobs[task];
    if (id === undefined || values[id] !== undefined) continue;
    const failed = failures.find((f) => f.jobId === id);
    missing.push({
      task,
      reason: failed
        ? `failed: ${failed.reason}`
        : 'timeout: no result in time (is a worker running on its queue?)',
    });
  }
  return mergeTranscript({
    asr,
    itn: written !== undefined,
    lid: value<SegmentClassifyResult>('lid'),
    ser: value<SegmentClassifyResult>('ser'),
    aed: value<AedJobResult>('aed'),
    missing,
  });
}
