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
}
