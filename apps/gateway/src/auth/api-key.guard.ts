import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { PUBLIC_ROUTE, PUBLIC_WHEN, REQUIRED_SCOPE } from '@earshot/platform';
import { GatewayConfig } from '../gateway.config';
import { ApiKeyAuth, AuthenticatedRequest } from './api-key-auth.service';
import { Scope } from './api-keys';

export type { AuthenticatedRequest } from './api-key-auth.service';

/** Global guard: routes are public, public by a config flag (@PublicWhen), or checked by ApiKeyAuth. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: GatewayConfig,
    private readonly auth: ApiKeyAuth,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const flag = this.reflector.getAllAndOverride<string | undefined>(PUBLIC_WHEN, targets);
    if (flag && (this.config as unknown as Record<string, unknown>)[flag] === true) return true;
    const scope = this.reflector.getAllAndOverride<Scope | undefined>(REQUIRED_SCOPE, targets);
    this.auth.authorize(ctx.switchToHttp().getRequest<AuthenticatedRequest>(), ctx.switchToHttp().getResponse<Response>(), scope);
    return true;
  }
}
