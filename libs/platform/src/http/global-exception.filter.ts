import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EarshotError, ErrorEnvelope, ErrorType } from '@earshot/contracts';

const TYPE_BY_STATUS: Record<number, ErrorType> = {
  401: 'authentication_error',
  403: 'permission_error',
  429: 'rate_limit_error',
};

function typeFor(status: number): ErrorType {
  return TYPE_BY_STATUS[status] ?? (status >= 500 ? 'server_error' : 'invalid_request_error');
}

/** Everything leaves as the one error envelope; unknown errors never show their message or stack. */
export function toEnvelope(exception: unknown): { status: number; body: ErrorEnvelope; retryAfterSec?: number } {
  if (exception instanceof EarshotError)
    return { status: exception.status, body: exception.toEnvelope(), retryAfterSec: exception.retryAfterSec };
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const res = exception.getResponse();
    const raw = typeof res === 'string' ? res : (res as { message?: unknown }).message;
    const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
    const code = HttpStatus[status] ?? null;
    return { status, body: { error: { message, type: typeFor(status), param: null, code } } };
  }
  return {
    status: 500,
    body: { error: { message: 'Internal server error', type: 'server_error', param: null, code: 'INTERNAL' } },
  };
}

@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const { status, body, retryAfterSec } = toEnvelope(exception);
    // An outage the caller can wait out is expected, not a bug: one line, no stack.
    if (retryAfterSec !== undefined && status >= 500) this.logger.warn(`${req.method} ${req.url}: ${body.error.code}`);
    else if (status >= 500) this.logger.error(`${req.method} ${req.url}: ${String((exception as Error)?.stack ?? exception)}`);
    if (res.headersSent) return;
    if (retryAfterSec !== undefined) res.setHeader('Retry-After', String(retryAfterSec));
    res.status(status).json(body);
  }
}
