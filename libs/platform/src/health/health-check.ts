/** A dependency a service needs to do its work (Redis, a model, ffmpeg). */
export interface HealthCheck {
  readonly name: string;
  check(): Promise<{ ok: boolean; detail?: string }>;
}

export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');
