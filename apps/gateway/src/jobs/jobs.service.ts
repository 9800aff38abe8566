import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  EarshotError,
  jobIdFrom,
  RichTranscript,
  TRANSCRIBE_JOB_RETENTION,
  TRANSCRIBE_JOB_RETRY,
  TranscribeJob,
  TranscribeJobData,
  UPLOAD_KEY_PREFIX,
  UPLOAD_TTL_SECONDS,
} from '@earshot/contracts';
import { BYTES_STORE, BytesStore, JobSnapshot, QUEUE_DRIVER, QueueDriver } from '@earshot/platform';
import { GatewayConfig } from '../gateway.config';
import { WebhookService } from '../webhooks/webhook.service';
import { jobView, JobView } from './job-view';
import { TranscribeProcessor } from './transcribe.processor';

/** A job as the processor runs it (`owner`: the API key's name, undefined when auth is open), from uploaded bytes. */
export interface SubmitRequest extends Omit<TranscribeJob, 'audio'> {
  bytes: Buffer;
  idempotencyKey?: string;
}

/** Who asks: a job is visible to the key that submitted it, and to admin keys. */
export interface Caller {
  owner?: string;
  admin: boolean;
}

/** Job ids are ours (jobIdFrom: hex and dashes); anything else cannot name a job. */
const JOB_ID = /^[A-Za-z0-9_.-]{1,128}$/;
/** How long DELETE waits for a running job to notice its cancellation. */
const CANCEL_WAIT_MS = 5_000;

/** POST/GET/DELETE /v1/jobs over the public batch queue: HTTP uploads become `earshot.transcribe.v1` jobs. */
@Injectable()
export class JobsService {
  private readonly submitting = new Map<string, Promise<{ view: JobView; created: boolean }>>();

  constructor(
    private readonly config: GatewayConfig,
    @Inject(QUEUE_DRIVER) private readonly queue: QueueDriver,
    @Inject(BYTES_STORE) private readonly uploads: BytesStore,
    private readonly webhooks: WebhookService,
    private readonly processor: TranscribeProcessor,
  ) {}

  async submit(req: SubmitRequest): Promise<{ view: JobView; created: boolean }> {
    if (req.webhookUrl) await this.webhooks.check(req.webhookUrl);
    const id = jobIdFrom('transcribe', businessKey(req));
    // Identical uploads arriving together would each find no job and each answer "created": one creates, the rest
    // wait for it and answer with its job (within this process; another gateway may still race it).
    const pending = this.submitting.get(id);
    if (pending) return { view: (await pending).view, created: false };
    const attempt = this.create(id, req);
    this.submitting.set(id, attempt);
    try {
      return await attempt;
    } finally {
      this.submitting.delete(id);
    }
  }

  private async create(id: string, req: SubmitRequest): Promise<{ view: JobView; created: boolean }> {
    const existing = await this.queue.getJob<TranscribeJobData, RichTranscript>(this.config.transcribeQueue, id);
    if (existing) return { view: jobView(existing), created: false };
    const upload = `${UPLOAD_KEY_PREFIX}${id}`;
    await this.uploads.put(upload, req.bytes, UPLOAD_TTL_SECONDS);
    const data: TranscribeJobData = {
      audio: { upload },
      filename: req.filename,
      contentType: req.contentType,
      language: req.language,
      itn: req.itn,
      tasks: req.tasks,
      ...(req.webhookUrl ? { webhook: { url: req.webhookUrl } } : {}),
      ...(req.owner ? { owner: req.owner } : {}),
    };
    await this.queue.add(this.config.transcribeQueue, 'transcribe', data, {
      jobId: id,
      attempts: TRANSCRIBE_JOB_RETRY.attempts,
      backoffMs: TRANSCRIBE_JOB_RETRY.backoffMs,
      retention: TRANSCRIBE_JOB_RETENTION,
    });
    const snap = await this.queue.getJob<TranscribeJobData, RichTranscript>(this.config.transcribeQueue, id);
    if (!snap) throw new EarshotError('INTERNAL', 'The job vanished right after it was queued');
    return { view: jobView(snap), created: true };
  }

  async status(id: string, caller: Caller): Promise<JobView> {
    return jobView(await this.find(id, caller));
  }

  /**
   * Queued or finished jobs are removed (a later GET is 404). A running job is stopped and kept as `cancelled`
   * so its status can be read; a second DELETE removes it.
   */
  async cancel(id: string, caller: Caller): Promise<{ id: string; status: 'cancelled' | 'deleted' }> {
    const snap = await this.find(id, caller);
    const q = this.config.transcribeQueue;
    if (snap.state !== 'active' && (await this.queue.remove(q, id))) {
      await this.uploads.delete(`${UPLOAD_KEY_PREFIX}${id}`).catch(() => undefined);
      return { id, status: snap.state === 'completed' || snap.state === 'failed' ? 'deleted' : 'cancelled' };
    }
    if (!this.processor.cancel(id))
      throw new EarshotError('CANCELLED', 'The job is running in another gateway process; retry the DELETE', 'id');
    const until = Date.now() + CANCEL_WAIT_MS;
    while (Date.now() < until && (await this.queue.getJob(q, id))?.state === 'active')
      await new Promise((r) => setTimeout(r, 50));
    return { id, status: 'cancelled' };
  }

  private async find(id: string, caller: Caller): Promise<JobSnapshot<TranscribeJobData, RichTranscript>> {
    const snap = JOB_ID.test(id)
      ? await this.queue.getJob<TranscribeJobData, RichTranscript>(this.config.transcribeQueue, id)
      : undefined;
    // Another key's job is reported as unknown, not forbidden: ids must not reveal other clients' work.
    if (!snap || (!caller.admin && snap.data?.owner !== caller.owner))
      throw new EarshotError('NOT_FOUND', `No job ${id}`, 'id');
    return snap;
  }
}

/**
 * Deterministic ids: the caller's idempotency key, else the audio and every option, so resubmitting the same
 * request answers with the same job. Scoped by the API key, so two clients never share (or see) a job.
 */
function businessKey(req: SubmitRequest): string {
  const h = createHash('sha256').update(req.owner ?? '').update('\n');
  if (req.idempotencyKey) h.update(`idem\n${req.idempotencyKey}`);
  else
    h.update(createHash('sha256').update(req.bytes).digest('hex')).update(
      JSON.stringify([req.language, req.itn, req.tasks, req.webhookUrl ?? null]),
    );
  return h.digest('hex').slice(0, 40);
}
