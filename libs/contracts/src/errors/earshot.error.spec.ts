import { EarshotError, isErrorCode } from './earshot.error';

describe('EarshotError', () => {
  it('maps its code to status, type and retryability', () => {
    const err = new EarshotError('AUDIO_TOO_LARGE', 'File is larger than 25 MiB', 'file');
    expect(err).toBeInstanceOf(Error);
    expect(err.status).toBe(413);
    expect(err.retryable).toBe(false);
    expect(err.toEnvelope()).toEqual({
      error: { message: 'File is larger than 25 MiB', type: 'invalid_request_error', param: 'file', code: 'AUDIO_TOO_LARGE' },
    });
  });

  it('marks infrastructure failures retryable', () => {
    expect(new EarshotError('DEPENDENCY_UNAVAILABLE', 'Redis is down').retryable).toBe(true);
    expect(new EarshotError('DEPENDENCY_UNAVAILABLE', 'Redis is down').status).toBe(503);
  });

  it('recognises codes', () => {
    expect(isErrorCode('AUDIO_EMPTY')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode(42)).toBe(false);
  });
});
