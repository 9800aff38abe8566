import { Test } from '@nestjs/testing';
import { CommonConfig, ServiceModule } from '@earshot/platform';
import { AudioModule } from './audio.module';
import { AudioDecoder } from './decoder/audio-decoder.service';
import { FfmpegAdapter } from './ffmpeg/ffmpeg.adapter';
import { encodeWav, sine } from './wav/wav-encoder';

class AppConfig extends CommonConfig {}

describe('AudioModule', () => {
  it('provides AudioDecoder with ffmpeg paths from the app config class', async () => {
    const config = Object.assign(new AppConfig(), {
      ffmpegPath: '/custom/ffmpeg',
      ffprobePath: '/custom/ffprobe',
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        ServiceModule.forRoot({ name: 'test', config: AppConfig, configValue: config }),
        AudioModule.forConfig(AppConfig),
      ],
    }).compile();
    const decoder = moduleRef.get(AudioDecoder);
    expect(decoder).toBeInstanceOf(AudioDecoder);
    expect((moduleRef.get(FfmpegAdapter) as unknown as { paths: unknown }).paths).toEqual({
      ffmpegPath: '/custom/ffmpeg',
      ffprobePath: '/custom/ffprobe',
    });
    // WAV takes the TS path, so it decodes even with these (nonexistent) ffmpeg paths.
    const out = await decoder.decodeBuffer(
      encodeWav([sine(440, 8000, 0.1)], { sampleRate: 8000, encoding: 's16' }),
    );
    expect(out.samples.length).toBe(1600);
  });

  it('falls back to the installer binaries when the config leaves the paths unset', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ServiceModule.forRoot({ name: 'test', config: AppConfig, configValue: new AppConfig() }),
        AudioModule.forConfig(AppConfig),
      ],
    }).compile();
    const paths = (
      moduleRef.get(FfmpegAdapter) as unknown as { paths: { ffmpegPath: string; ffprobePath: string } }
    ).paths;
    expect(paths.ffmpegPath).toMatch(/@ffmpeg-installer/);
    expect(paths.ffprobePath).toMatch(/@ffprobe-installer/);
  });
});
