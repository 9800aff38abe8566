import { EarshotError, isErrorCode } from './earshot.error';
import { assertAudioRef } from '../jobs/audio-ref';

describe('EarshotError', () => {
  it('maps its code to status, type and retryability', () => {
    const err = new EarshotError('AUDIO_TOO_LARGE', 'File is larger than 25 MiB', 'file');
    expect(err).toBeInstanceOf(Error);
    expect(err.status).toBe(413);
    expect(err.retryable).toBe(false);
    expect(err.toEnvelope()).toEqual({
      error: {
        message: 'File is larger than 25 MiB',
        type: 'invalid_request_error',
        param: 'file',
        code: 'AUDIO_TOO_LARGE',
      },
    });
  });

  it('marks infrastructure failures retryable', () => {
    expect(new EarshotError('DEPENDENCY_UNAVAILABLE', 'Redis is down').retryable).toBe(true);
    expect(new EarshotError('DEPENDENCY_UNAVAILABLE', 'Redis is down').status).toBe(503);
  });

  it('carries a Retry-After hint in whole seconds', () => {
    const err = new EarshotError('QUEUE_UNAVAILABLE', 'Redis is down').retryAfter(1.2);
    expect(err.retryAfterSec).toBe(2);
    expect(err.status).toBe(503);
    expect(new EarshotError('QUEUE_UNAVAILABLE', 'x').retryAfter(0).retryAfterSec).toBe(1);
    expect(new EarshotError('AUDIO_EMPTY', 'x').retryAfterSec).toBeUndefined();
  });

  it('recognises codes', () => {
    expect(isErrorCode('AUDIO_EMPTY')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode(42)).toBe(false);
  });
});

describe('assertAudioRef', () => {
  it('accepts a well-formed reference and names the job kind when it is not', () => {
    expect(() =>
      assertAudioRef({ key: 'k', sampleRate: 16000, samples: 10, durationSec: 0 }, 'ASR'),
    ).not.toThrow();
    for (const bad of [
      undefined,
      null,
      'k',
      { key: '', sampleRate: 16000, samples: 1 },
      { key: 'k', sampleRate: 8000, samples: 1 },
      { key: 'k', sampleRate: 16000, samples: -1 },
      { key: 'k', sampleRate: 16000, samples: 1.5 },
    ]) {
      const err = (() => {
        try {
          assertAudioRef(bad, 'LID');
        } catch (e) {
          return e as EarshotError;
        }
      })();
      expect(err).toMatchObject({ code: 'INVALID_ARGUMENT', param: 'audio' });
      expect(err?.message).toContain('LID job needs audio');
    }
  });
});
