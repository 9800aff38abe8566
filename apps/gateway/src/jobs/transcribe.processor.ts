import { Inject, Injectable } from '@nestjs/common';
import {
  EarshotError,
  parseTranscribeJobData,
  RichTranscript,
  TranscribeJob,
  TranscribeJobData,
} from '@earshot/contracts';
import { encodeFailure, JobContext, QUEUE_DRIVER, QueueDriver, QueueProcessor } from '@earshot/platform';
import { GatewayConfig } from '../gateway.config';
import { TranscriptionService } from '../transcription/transcription.service';
import { WebhookService } from '../webhooks/webhook.service';
import { JobInputAdapter } from './job-input.adapter';
import { DECODED_PROGRESS, jobFractionFromAsr } from './job-progress';

/**
 * Consumes the public batch queue `earshot.transcribe.v1`: the same flow as POST /v1/understand, from a job
 * instead of a request. Progress follows the ASR child; the rich transcript is the job's return value.
 */
@Injectable()
export class TranscribeProcessor extends QueueProcessor<TranscribeJobData, RichTranscript> {
  /** Jobs running in this process, so DELETE /v1/jobs/:id can stop them. */
  private readonly running = new Map<string, AbortController>();

  constructor(
    @Inject(QUEUE_DRIVER) driver: QueueDriver,
    private readonly config: GatewayConfig,
    private readonly transcription: TranscriptionService,
    private readonly input: JobInputAdapter,
    private readonly webhooks: WebhookService,
  ) {
    super(driver, config.transcribeQueue, config.transcribeConcurrency);
  }

  /** false when the job is not running in this process. */
  cancel(jobId: string): boolean {
    const ctl = this.running.get(jobId);
    if (!ctl) return false;
    ctl.abort(new EarshotError('CANCELLED', 'The job was cancelled (DELETE /v1/jobs/:id)'));
    return true;
  }

  /**
   * A batch job may wait on its flow for up to JOB_TIMEOUT_MS: on shutdown the running ones are handed back as a
   * retryable failure (another gateway retries them) instead of holding the process open that long.
   */
  override async beforeApplicationShutdown(): Promise<void> {
    for (const ctl of this.running.values())
      ctl.abort(new EarshotError('DEPENDENCY_UNAVAILABLE', 'The gateway shut down during the job; it is retried'));
    await super.beforeApplicationShutdown();
  }

  async handle(job: JobContext<TranscribeJobData>): Promise<RichTranscript> {
    const spec = parseTranscribeJobData(job.data, { maxAudioBytes: this.config.maxUploadBytes });
    const ctl = new AbortController();
    this.running.set(job.id, ctl);
    try {
      const transcript = await this.run(job, spec, ctl.signal);
      await this.input.release(spec.audio);
      if (spec.webhookUrl) await this.webhooks.enqueue(spec.webhookUrl, { id: job.id, status: 'completed', result: transcript });
      return transcript;
    } catch (err) {
      await this.onFailure(job, spec, err);
      throw err;
    } finally {
      this.running.delete(job.id);
    }
  }

  private async run(job: JobContext<TranscribeJobData>, spec: TranscribeJob, signal: AbortSignal): Promise<RichTranscript> {
    // Checked before any work, so a job with a bad webhook fails at once instead of after the transcript.
    if (spec.webhookUrl) await this.webhooks.check(spec.webhookUrl);
    const deadline = Date.now() + this.config.jobTimeoutMs;
    const samples = await this.transcription.decode(await this.input.load(spec.audio, spec.contentType), {
      timeoutMs: this.config.jobTimeoutMs,
      signal,
    });
    await job.updateProgress(DECODED_PROGRESS);
    let last = DECODED_PROGRESS;
    return this.transcription.understandAudio(
      samples,
      {
        tasks: spec.tasks,
        language: spec.language,
        itn: spec.itn,
        // Each attempt gets its own flow; a re-run of the same attempt (stalled job) finds the flow already there.
        requestId: `${job.id}-a${job.attemptsMade}`,
        // A cancel ends the flow's waits at once and removes its steps not yet started.
        signal,
        onProgress: (p) => {
          const f = jobFractionFromAsr(p);
          if (f - last < 0.01) return;
          last = f;
          job.updateProgress(f).catch(() => undefined);
        },
      },
      deadline,
    );
  }

  /** On the last failure: drop the upload and tell the webhook (not for a cancel the client asked for). */
  private async onFailure(job: JobContext<TranscribeJobData>, spec: TranscribeJob, err: unknown): Promise<void> {
    const { retryable } = encodeFailure(err);
    if (retryable && job.attemptsMade + 1 < job.maxAttempts) return;
    await this.input.release(spec.audio);
    if (!spec.webhookUrl || (err instanceof EarshotError && err.code === 'CANCELLED')) return;
    const typed = err instanceof EarshotError ? err : new EarshotError('INTERNAL', 'The job failed');
    const { error } = typed.toEnvelope();
    await this.webhooks
      .enqueue(spec.webhookUrl, { id: job.id, status: 'failed', error: { ...error, code: String(error.code) } })
      .catch((e) => this.logger.warn(`job ${job.id}: failure webhook not queued: ${(e as Error).message}`));
  }
}
