import { join } from 'node:path';
import { readFileSync, statSync } from 'node:fs';
import { EarshotError } from '@earshot/contracts';
import { createAudioDecoder } from '@earshot/audio';
import { peakFrequency, toneAmplitude } from '@earshot/audio/testing/tone-analysis';

// Fixtures come from scripts/fixtures/make-audio-fixtures.sh: 1 s of 440 Hz + 1000 Hz (0.5 each, summed to mono
// by the decoder: 0.25 each), encoded with real ffmpeg in each format.
const FIX = join(__dirname, 'fixtures', 'audio');
const decoder = createAudioDecoder();

async function failure(p: Promise<unknown>): Promise<EarshotError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(EarshotError);
    return err as EarshotError;
  }
  throw new Error('expected a failure');
}

describe('AudioDecoder through ffmpeg (real fixtures)', () => {
  it.each([
    ['tone.mp3', 'mp3', 'mp3', 44100],
    ['tone.flac', 'flac', 'flac', 44100],
    ['tone.opus.ogg', 'ogg', 'opus', 48000],
    ['tone.vorbis.ogg', 'ogg', 'vorbis', 44100],
    ['tone.m4a', 'mp4', 'aac', 44100],
    ['tone.webm', 'webm', 'opus', 48000],
    ['tone.alaw.wav', 'wav', 'pcm_alaw', 8000],
  ])('decodes %s to 16 kHz mono with the tones intact', async (file, format, codec, rate) => {
    const out = await decoder.decodeFile(join(FIX, file));
    expect(out.sampleRate).toBe(16000);
    expect(out.source).toMatchObject({ format, codec, sampleRate: rate });
    expect(out.durationSec).toBeGreaterThan(0.95);
    expect(out.durationSec).toBeLessThan(1.1);
    const s = out.samples;
    expect(peakFrequency(s, 16000, 300, 600, 20)).toBe(440);
    if (rate > 8000 || codec === 'pcm_alaw') {
      // Lossy codecs shave a little; both tones must still be there at about 0.25 each.
      const from = 2000;
      const to = 14000;
      expect(toneAmplitude(s, 440, 16000, from, to)).toBeGreaterThan(0.2);
      expect(toneAmplitude(s, 440, 16000, from, to)).toBeLessThan(0.3);
      expect(toneAmplitude(s, 1000, 16000, from, to)).toBeGreaterThan(0.2);
    }
  });

  it('decodes the same bytes from a buffer (temp file for ffmpeg, removed after)', async () => {
    const bytes = readFileSync(join(FIX, 'tone.m4a'));
    const out = await decoder.decodeBuffer(bytes, { contentType: 'audio/mp4' });
    expect(out.source.codec).toBe('aac');
    expect(out.durationSec).toBeGreaterThan(0.95);
  });

  it.each([
    ['truncated.mp3', 'AUDIO_TRUNCATED'],
    ['truncated.flac', 'AUDIO_TRUNCATED'],
    ['truncated-header.flac', 'AUDIO_TRUNCATED'],
    ['text.wav', 'AUDIO_NOT_AUDIO'],
    ['empty.wav', 'AUDIO_EMPTY'],
    ['does-not-exist.wav', 'NOT_FOUND'],
  ])('%s fails with %s', async (file, code) => {
    const err = await failure(decoder.decodeFile(join(FIX, file)));
    expect(err.code).toBe(code);
    expect(err.message).not.toMatch(/\/work|\n/);
  });

  it('probes without decoding', async () => {
    await expect(decoder.probe(join(FIX, 'tone.flac'))).resolves.toEqual({
      format: 'flac',
      codec: 'flac',
      sampleRate: 44100,
      channels: 2,
      bitsPerSample: 24,
      durationSec: 1,
      bytes: statSync(join(FIX, 'tone.flac')).size,
    });
  });

  it('enforces max duration from the stated duration, and max bytes from the size', async () => {
    expect((await failure(decoder.decodeFile(join(FIX, 'tone.mp3'), { maxDurationSec: 0.5 }))).code).toBe(
      'AUDIO_TOO_LONG',
    );
    expect((await failure(decoder.decodeFile(join(FIX, 'tone.mp3'), { maxBytes: 1000 }))).code).toBe(
      'AUDIO_TOO_LARGE',
    );
  });

  it('reports a missing ffmpeg (with a working ffprobe) as DEPENDENCY_UNAVAILABLE', async () => {
    const noFfmpeg = createAudioDecoder({ ffmpegPath: '/nonexistent/ffmpeg' });
    expect((await failure(noFfmpeg.decodeFile(join(FIX, 'tone.mp3')))).code).toBe('DEPENDENCY_UNAVAILABLE');
  });

  it('reports a missing ffmpeg as DEPENDENCY_UNAVAILABLE', async () => {
    const broken = createAudioDecoder({
      ffmpegPath: '/nonexistent/ffmpeg',
      ffprobePath: '/nonexistent/ffprobe',
    });
    expect((await failure(broken.decodeFile(join(FIX, 'tone.mp3')))).code).toBe('DEPENDENCY_UNAVAILABLE');
  });
});
