import { Inject, Injectable } from '@nestjs/common';
import { ASR_LANGUAGES, AsrJobData, AsrJobResult, assertAudioRef, EarshotError, JobProgress, PROGRESS_MIN_INTERVAL_MS } from '@earshot/contracts';
import { AUDIO_STORE, AudioStore, JobContext, QUEUE_DRIVER, QueueDriver, QueueProcessor } from '@earshot/platform';
import { AsrConfig } from './asr.config';
import { AsrEngine } from './asr-engine.service';

/** Worker on `earshot.asr.v1`: PCM from the audio store, rich ASR result back. Takes jobs only once the model is warm. */
@Injectable()
export class AsrProcessor extends QueueProcessor<AsrJobData, AsrJobResult> {
  constructor(
    @Inject(QUEUE_DRIVER) driver: QueueDriver,
    @Inject(AUDIO_STORE) private readonly store: AudioStore,
    private readonly engine: AsrEngine,
    config: AsrConfig,
  ) {
    super(driver, config.queue, config.concurrency);
  }

  protected override async prepare(): Promise<void> {
    await this.engine.load();
  }

  async handle(job: JobContext<AsrJobData>): Promise<AsrJobResult> {
    const data = job.data;
    validate(data);
    const samples = await this.store.get(data.audio);
    if (samples.length === 0) throw new EarshotError('AUDIO_EMPTY', `Audio ${data.audio.key} has no samples (expired or empty)`, 'audio');
    for (let i = 0; i < samples.length; i++)
      if (!Number.isFinite(samples[i])) throw new EarshotError('AUDIO_BAD_SAMPLES', 'Audio samples contain NaN or infinite values', 'audio');
    return this.engine.transcribe(samples, { language: data.language, itn: data.itn }, data.ranges, throttled(job));
  }
}

/**
 * Job progress at most every PROGRESS_MIN_INTERVAL_MS while transcribing (stage changes always go out). Reports are
 * fire-and-forget: a lost progress write must not fail or slow the transcription.
 */
export function throttled(job: Pick<JobContext<AsrJobData>, 'updateProgress'>): (p: JobProgress) => void {
  let last = 0;
  let stage: JobProgress['stage'] | undefined;
  return (p) => {
    const now = Date.now();
    if (p.stage === stage && now - last < PROGRESS_MIN_INTERVAL_MS) return;
    last = now;
    stage = p.stage;
    job.updateProgress({ ...p }).catch(() => undefined);
  };
}

function validate(d: AsrJobData): void {
  if (!d || typeof d !== 'object') throw new EarshotError('INVALID_ARGUMENT', 'ASR job data must be an object', 'data');
  assertAudioRef(d.audio, 'ASR');
  if (d.language !== undefined && !(ASR_LANGUAGES as readonly string[]).includes(d.language))
    throw new EarshotError('INVALID_ARGUMENT', `language must be one of ${ASR_LANGUAGES.join(', ')}`, 'language');
  if (d.itn !== undefined && typeof d.itn !== 'boolean') throw new EarshotError('INVALID_ARGUMENT', 'itn must be a boolean', 'itn');
  if (d.ranges !== undefined && !Array.isArray(d.ranges)) throw new EarshotError('INVALID_ARGUMENT', 'ranges must be an array', 'ranges');
}
