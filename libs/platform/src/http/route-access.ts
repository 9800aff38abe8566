import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiNoAuth } from './api-docs';

export const PUBLIC_ROUTE = 'earshot:public';
export const REQUIRED_SCOPE = 'earshot:scope';
export const PUBLIC_WHEN = 'earshot:public-when';

/** Open to anyone, even when API keys are enforced (only /health and the page shell are). */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiNoAuth());

/** The API-key scope a route needs. Routes with neither decorator need any valid key. */
export const RequireScope = (scope: string) => SetMetadata(REQUIRED_SCOPE, scope);

/**
 * Open to anyone when the service's configuration has this boolean setting on (e.g. `metricsPublic` from
 * METRICS_PUBLIC); otherwise the route's scope applies. The decision is per app, so it is read at request time.
 */
export const PublicWhen = (configFlag: string) => SetMetadata(PUBLIC_WHEN, configFlag);
