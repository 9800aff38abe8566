import { Expose } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { CommonConfig } from '@earshot/platform';

/** Configuration of the asr service (speech to tokens and text (SenseVoice-format CTC)). */
export class AsrConfig extends CommonConfig {
  @Expose({ name: 'ASR_PORT' })
  @IsInt({ message: 'ASR_PORT must be a whole number' })
  @Min(1)
  @Max(65535)
  port: number = 3101;
}
