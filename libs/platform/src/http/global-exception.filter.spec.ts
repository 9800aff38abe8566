import { BadRequestException, NotFoundException } from '@nestjs/common';
import { EarshotError } from '@earshot/contracts';
import { toEnvelope } from './global-exception.filter';

describe('toEnvelope', () => {
  it('keeps typed errors as they are', () => {
    expect(toEnvelope(new EarshotError('AUDIO_EMPTY', 'The file is empty', 'file'))).toEqual({
      status: 400,
      body: { error: { message: 'The file is empty', type: 'invalid_request_error', param: 'file', code: 'AUDIO_EMPTY' } },
    });
  });

  it('passes the Retry-After hint of typed errors on', () => {
    const { status, body, retryAfterSec } = toEnvelope(new EarshotError('QUEUE_UNAVAILABLE', 'Redis is down').retryAfter(5));
    expect(status).toBe(503);
    expect(body.error.code).toBe('QUEUE_UNAVAILABLE');
    expect(retryAfterSec).toBe(5);
    expect(toEnvelope(new EarshotError('AUDIO_EMPTY', 'x')).retryAfterSec).toBeUndefined();
  });

  it('maps Nest HTTP exceptions', () => {
    expect(toEnvelope(new NotFoundException('no such job')).body.error).toEqual({
      message: 'no such job',
      type: 'invalid_request_error',
      param: null,
      code: 'NOT_FOUND',
    });
    expect(toEnvelope(new BadRequestException(['a is bad', 'b is bad'])).body.error.message).toBe('a is bad; b is bad');
  });

  it('never leaks internals of unknown errors', () => {
    const { status, body } = toEnvelope(new Error('ENOENT /secret/path'));
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain('secret');
  });
});
