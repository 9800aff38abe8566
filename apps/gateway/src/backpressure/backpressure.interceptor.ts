import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { Observable, finalize, from, switchMap } from 'rxjs';
import { BackpressureService, Lane, OverloadedError } from './backpressure.service';

const BACKPRESSURE_LANE = 'earshot:backpressure-lane';

/** Puts a route under its lane's queue-depth and in-flight limits (429 OVERLOADED with Retry-After beyond them). */
export const Backpressure = (lane: Lane) => SetMetadata(BACKPRESSURE_LANE, lane);

/**
 * Global interceptor: runs after authentication (guards), so anonymous traffic never takes a slot, and before the
 * handler reads the upload, so a refused request costs no decoding. The slot is held until the handler settles.
 */
@Injectable()
export class BackpressureInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly backpressure: BackpressureService,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const lane = this.reflector.getAllAndOverride<Lane | undefined>(BACKPRESSURE_LANE, [ctx.getHandler(), ctx.getClass()]);
    if (!lane) return next.handle();
    const res = ctx.switchToHttp().getResponse<Response>();
    const admitted = this.backpressure.admit(lane).catch((err: unknown) => {
      if (err instanceof OverloadedError) res.setHeader('Retry-After', String(err.retryAfterSec));
      throw err;
    });
    return from(admitted).pipe(switchMap((slot) => next.handle().pipe(finalize(() => slot.release()))));
  }
}
