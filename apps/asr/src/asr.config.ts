import { Expose } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { QUEUE_NAMES } from '@earshot/contracts';
import { CommonConfig } from '@earshot/platform';

/** Configuration of the asr service (speech to tokens and text (SenseVoice-format CTC)). */
export class AsrConfig extends CommonConfig {
  @Expose({ name: 'ASR_PORT' })
  @IsInt({ message: 'ASR_PORT must be a whole number' })
  @Min(1)
  @Max(65535)
  port: number = 3101;

  /** Jobs one worker process runs at once; they share one ONNX session (runs in flight = this). */
  @Expose({ name: 'ASR_CONCURRENCY' })
  @IsInt({ message: 'ASR_CONCURRENCY must be a whole number' })
  @Min(1)
  @Max(32)
  concurrency: number = 1;

  /** Model directory under MODELS_DIR; default sensevoice-small when fetched, else digits-en-ctc. */
  @Expose({ name: 'ASR_MODEL' })
  @IsOptional()
  @IsString()
  model?: string;

  /** Longest piece fed to the model when the job does not give ranges (seconds, 1–30). */
  @Expose({ name: 'ASR_MAX_SEGMENT_SEC' })
  @IsInt({ message: 'ASR_MAX_SEGMENT_SEC must be a whole number of seconds' })
  @Min(1)
  @Max(30)
  maxSegmentSec: number = 20;

  /** How audio without caller ranges is cut: Silero VAD speech segments, or quiet-point cuts over everything. */
  @Expose({ name: 'ASR_SEGMENTER' })
  @IsIn(['vad', 'energy'], { message: 'ASR_SEGMENTER must be vad or energy' })
  segmenter: 'vad' | 'energy' = 'vad';

  /** Utterances per forward pass (zero-padded batches of similar length). */
  @Expose({ name: 'ASR_MAX_BATCH' })
  @IsInt({ message: 'ASR_MAX_BATCH must be a whole number' })
  @Min(1)
  @Max(64)
  maxBatch: number = 4;

  /** The queue to take jobs from; production keeps the contract's name, tests use a unique one. */
  @Expose({ name: 'ASR_QUEUE' })
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'ASR_QUEUE must be a queue name (letters, digits, . _ -)' })
  queue: string = QUEUE_NAMES.asr;
}
