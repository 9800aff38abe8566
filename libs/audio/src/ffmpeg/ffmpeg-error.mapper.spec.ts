import { mapFfmpegFailure } from './ffmpeg-error.mapper';

describe('mapFfmpegFailure', () => {
  it('reads a demuxer hitting the end of the file inside the header as truncation, when it looked like audio', () => {
    const stderr = '/tmp/earshot-audio-x/input.flac: Input/output error';
    expect(mapFfmpegFailure(stderr, { tool: 'ffprobe', looksLikeAudio: true }).code).toBe('AUDIO_TRUNCATED');
    expect(mapFfmpegFailure(stderr, { tool: 'ffprobe', looksLikeAudio: false }).code).toBe('AUDIO_NOT_AUDIO');
  });

  it('keeps the raw stderr for logs only', () => {
    const e = mapFfmpegFailure('x: Invalid data found when processing input', { tool: 'ffmpeg', looksLikeAudio: false });
    expect(e.code).toBe('AUDIO_NOT_AUDIO');
    expect(e.message).not.toContain('x:');
    expect(e.details).toMatchObject({ tool: 'ffmpeg', stderr: expect.stringContaining('Invalid data') });
  });
});
