import { DynamicModule, Injectable, Module, OnModuleInit, Optional, Type } from '@nestjs/common';
import { CommonConfig, HealthRegistry } from '@earshot/platform';
import { AudioDecoder } from './decoder/audio-decoder.service';
import { FfmpegAdapter } from './ffmpeg/ffmpeg.adapter';
import { resolveFfmpegPaths } from './ffmpeg/ffmpeg-paths';
import { FileSystemAdapter } from './io/file-system.adapter';
import { WavDecoder } from './wav/wav.decoder';

/** Adds `ffmpeg` to /health in services that decode (the gateway). */
@Injectable()
class FfmpegHealth implements OnModuleInit {
  constructor(
    private readonly ffmpeg: FfmpegAdapter,
    @Optional() private readonly health?: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health?.register({ name: 'ffmpeg', check: () => this.ffmpeg.available() });
  }
}

/**
 * Provides `AudioDecoder` (and `FfmpegAdapter`) with the ffmpeg/ffprobe paths from the app's validated config.
 * Pass the app's config class (the token `ServiceModule.forRoot` registered), e.g. `AudioModule.forConfig(AsrConfig)`.
 */
@Module({})
export class AudioModule {
  static forConfig(
    config: Type<Pick<CommonConfig, 'ffmpegPath' | 'ffprobePath' | 'audioTmpDir'>> = CommonConfig,
  ): DynamicModule {
    return {
      module: AudioModule,
      providers: [
        {
          provide: FfmpegAdapter,
          useFactory: (c: CommonConfig) => new FfmpegAdapter(resolveFfmpegPaths(c)),
          inject: [config],
        },
        {
          provide: AudioDecoder,
          useFactory: (f: FfmpegAdapter, c: CommonConfig) =>
            new AudioDecoder(f, new FileSystemAdapter(c.audioTmpDir), new WavDecoder()),
          inject: [FfmpegAdapter, config],
        },
        FfmpegHealth,
      ],
      exports: [AudioDecoder, FfmpegAdapter],
    };
  }
}
