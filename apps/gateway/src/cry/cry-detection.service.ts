import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AudioDecoder } from '@earshot/audio';
import { CryJobData, CryResult, EarshotError, jobIdFrom } from '@earshot/contracts';
import { AUDIO_STORE, AudioStore, lostJobAsUnavailable, QUEUE_DRIVER, QueueDriver } from '@earshot/platform';
import { GatewayConfig } from '../gateway.config';

/** Camera clips live only as long as their answer takes. */
const CRY_AUDIO_TTL_SECONDS = 120;
/** Firmware jobs go first when a worker has a choice. */
const CRY_PRIORITY = 1;

export interface CryInput {
  body: Buffer;
  contentType?: string;
  /** Set for raw little-endian PCM16 mono bodies. */
  sampleRate?: number;
}

@Injectable()
export class CryDetectionService {
  constructor(
    private readonly config: GatewayConfig,
    private readonly decoder: AudioDecoder,
    @Inject(AUDIO_STORE) private readonly store: AudioStore,
    @Inject(QUEUE_DRIVER) private readonly queue: QueueDriver,
  ) {}

  async detect(input: CryInput): Promise<CryResult> {
    if (input.body.length === 0) throw new EarshotError('AUDIO_EMPTY', 'The request body is empty: send the audio clip as the body', 'body');
    const audio = await this.decoder.decodeBuffer(
      input.body,
      { contentType: input.contentType, rawPcm16: input.sampleRate ? { sampleRate: input.sampleRate } : undefined },
      { maxBytes: this.config.maxUploadBytes, maxDurationSec: this.config.cryMaxSeconds, timeoutMs: this.config.cryTimeoutMs },
    );
    if (audio.samples.length === 0) throw new EarshotError('AUDIO_EMPTY', 'The clip decodes to no audio', 'body');
    // The same clip gets the same job: repeated uploads are answered once, and a retry never runs twice.
    const digest = createHash('sha256').update(input.body).update(String(input.sampleRate ?? '')).digest('hex').slice(0, 32);
    const jobId = jobIdFrom('cry', digest);
    const existing = await this.queue.getJob(this.config.cryQueue, jobId);
    if (existing?.state === 'failed') await this.queue.remove(this.config.cryQueue, jobId);
    const ref = await this.store.put(jobId, audio.samples, CRY_AUDIO_TTL_SECONDS);
    const data: CryJobData = { audio: ref };
    await this.queue.add(this.config.cryQueue, 'cry', data, { jobId, priority: CRY_PRIORITY, attempts: 2, backoffMs: 50 });
    try {
      return await this.queue.waitForResult<CryResult>(this.config.cryQueue, jobId, { timeoutMs: this.config.cryTimeoutMs });
    } catch (e) {
      throw lostJobAsUnavailable(e);
    } finally {
      await this.store.delete(ref).catch(() => undefined);
    }
  }
}
