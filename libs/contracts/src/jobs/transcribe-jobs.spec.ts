import { EarshotError } from '../errors/earshot.error';
import { parseTranscribeJobData, UPLOAD_KEY_PREFIX } from './transcribe-jobs';

const limits = { maxAudioBytes: 30 };

function reason(data: unknown): string {
  try {
    parseTranscribeJobData(data, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(EarshotError);
    return `${(e as EarshotError).code} ${(e as EarshotError).param}`;
  }
  throw new Error('expected a failure');
}

describe('parseTranscribeJobData (earshot.transcribe.v1)', () => {
  it('fills in the defaults', () => {
    expect(parseTranscribeJobData({ audio: { base64: 'AAAA' } }, limits)).toEqual({
      audio: { base64: 'AAAA' },
      filename: undefined,
      contentType: undefined,
      language: 'auto',
      itn: true,
      tasks: ['asr', 'lid', 'ser', 'aed'],
      webhookUrl: undefined,
      owner: undefined,
    });
  });

  it('keeps asr and the tasks asked for, in contract order', () => {
    const j = parseTranscribeJobData({ audio: { path: 'a/b.wav' }, tasks: ['aed', 'lid'], itn: false, language: 'en' }, limits);
    expect(j).toMatchObject({ tasks: ['asr', 'lid', 'aed'], itn: false, language: 'en', audio: { path: 'a/b.wav' } });
  });

  it.each([
    [null, 'INVALID_ARGUMENT data'],
    [[], 'INVALID_ARGUMENT data'],
    [{}, 'INVALID_ARGUMENT audio'],
    [{ audio: { base64: 'AAAA', path: 'x' } }, 'INVALID_ARGUMENT audio'],
    [{ audio: { base64: '' } }, 'AUDIO_EMPTY audio.base64'],
    [{ audio: { base64: 'A'.repeat(44) } }, 'AUDIO_TOO_LARGE audio.base64'],
    [{ audio: { base64: 'AA*A' } }, 'INVALID_ARGUMENT audio.base64'],
    [{ audio: { path: 'a\0b' } }, 'INVALID_ARGUMENT audio.path'],
    [{ audio: { upload: 'somebody:else' } }, 'INVALID_ARGUMENT audio.upload'],
    [{ audio: { base64: 'AAAA' }, language: 'de' }, 'INVALID_ARGUMENT language'],
    [{ audio: { base64: 'AAAA' }, itn: 'yes' }, 'INVALID_ARGUMENT itn'],
    [{ audio: { base64: 'AAAA' }, tasks: 'asr' }, 'INVALID_ARGUMENT tasks'],
    [{ audio: { base64: 'AAAA' }, webhook: 'https://x' }, 'INVALID_ARGUMENT webhook'],
    [{ audio: { base64: 'AAAA' }, filename: 'x'.repeat(300) }, 'INVALID_ARGUMENT filename'],
  ])('refuses %j (%s)', (data, expected) => expect(reason(data)).toBe(expected));

  it('accepts the gateway’s own upload keys', () => {
    expect(parseTranscribeJobData({ audio: { upload: `${UPLOAD_KEY_PREFIX}transcribe-1` } }, limits).audio).toEqual({
      upload: `${UPLOAD_KEY_PREFIX}transcribe-1`,
    });
  });
});
