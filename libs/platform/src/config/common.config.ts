import { Expose } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Settings every service shares. Apps extend this class with their own. */
export class CommonConfig {
  @Expose({ name: 'REDIS_URL' })
  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'REDIS_URL must look like redis://host:port' })
  redisUrl: string = 'redis://127.0.0.1:6379';

  @Expose({ name: 'LOG_LEVEL' })
  @IsIn(LOG_LEVELS as unknown as string[], { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  logLevel: LogLevel = 'log';

  @Expose({ name: 'MODELS_DIR' })
  @IsString()
  modelsDir: string = 'models';

  @Expose({ name: 'FFMPEG_PATH' })
  @IsOptional()
  @IsString()
  ffmpegPath?: string;

  @Expose({ name: 'FFPROBE_PATH' })
  @IsOptional()
  @IsString()
  ffprobePath?: string;

  /** Where the audio decoder writes its scratch copies of uploads for ffmpeg; empty means the OS temp dir. */
  @Expose({ name: 'AUDIO_TMP_DIR' })
  @IsOptional()
  @IsString()
  audioTmpDir?: string;

  @Expose({ name: 'ORT_INTRA_OP_THREADS' })
  @IsInt({ message: 'ORT_INTRA_OP_THREADS must be a whole number' })
  @Min(1)
  @Max(64)
  ortIntraOpThreads: number = 1;

  /**
   * How long a worker's lock on a job lasts without renewal (renewed every half of it while the job runs). A worker
   * that dies keeps its jobs for at most this long before another worker may take them again.
   */
  @Expose({ name: 'QUEUE_LOCK_DURATION_MS' })
  @IsInt({ message: 'QUEUE_LOCK_DURATION_MS must be a whole number of milliseconds' })
  @Min(1000)
  @Max(600_000)
  queueLockDurationMs: number = 30_000;

  /** How often a worker looks for jobs whose lock expired (their worker died) and puts them back in the queue. */
  @Expose({ name: 'QUEUE_STALLED_INTERVAL_MS' })
  @IsInt({ message: 'QUEUE_STALLED_INTERVAL_MS must be a whole number of milliseconds' })
  @Min(500)
  @Max(600_000)
  queueStalledIntervalMs: number = 30_000;

  /** Times a job may be recovered from a dead worker before it fails (a job that kills every worker stops here). */
  @Expose({ name: 'QUEUE_MAX_STALLED_COUNT' })
  @IsInt({ message: 'QUEUE_MAX_STALLED_COUNT must be a whole number' })
  @Min(0)
  @Max(100)
  queueMaxStalledCount: number = 2;

  /** On SIGTERM, how long in-flight jobs may run on before the worker leaves them to stalled-job recovery and exits. */
  @Expose({ name: 'SHUTDOWN_GRACE_MS' })
  @IsInt({ message: 'SHUTDOWN_GRACE_MS must be a whole number of milliseconds' })
  @Min(0)
  @Max(3_600_000)
  shutdownGraceMs: number = 30_000;

  /**
   * OS scheduling niceness of the process (0 normal, 19 lowest). Batch workers at 10 leave the CPU to the gateway and
   * the camera worker when a machine is saturated (docs/reliability.md measures it).
   */
  @Expose({ name: 'CPU_NICE' })
  @IsInt({ message: 'CPU_NICE must be a whole number' })
  @Min(0)
  @Max(19)
  cpuNice: number = 0;
}
