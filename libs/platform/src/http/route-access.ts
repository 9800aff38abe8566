import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'earshot:public';
export const REQUIRED_SCOPE = 'earshot:scope';

/** Open to anyone, even when API keys are enforced (only /health and the page shell are). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The API-key scope a route needs. Routes with neither decorator need any valid key. */
export const RequireScope = (scope: string) => SetMetadata(REQUIRED_SCOPE, scope);
