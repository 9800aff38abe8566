import type { NextFunction, Request, Response } from 'express';
import { toEnvelope } from '@earshot/platform';
import { ApiKeyAuth } from './api-key-auth.service';
import { Scope } from './api-keys';

/** The API-key check for express apps mounted beside Nest's routes (the queue dashboard), with the same envelope. */
export function requireScope(auth: ApiKeyAuth, scope: Scope) {
  return (req: Request, res: Response, next: NextFunction): void => {
    try {
      auth.authorize(req, res, scope);
    } catch (err) {
      const { status, body } = toEnvelope(err);
      res.status(status).json(body);
      return;
    }
    next();
  };
}
