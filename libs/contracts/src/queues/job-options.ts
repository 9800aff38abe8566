/** How long finished jobs stay readable in Redis: long enough to fetch a result, short enough to bound memory. */
export const JOB_RETENTION = {
  completed: { age: 60 * 60, count: 1000 },
  failed: { age: 24 * 60 * 60, count: 5000 },
} as const;

/** Retries only help transient failures; bad input fails at once with UnrecoverableError. */
export const JOB_RETRY = {
  attempts: 3,
  backoff: { type: 'exponential' as const, delay: 1000 },
} as const;

export const DEFAULT_JOB_OPTIONS = {
  attempts: JOB_RETRY.attempts,
  backoff: JOB_RETRY.backoff,
  removeOnComplete: JOB_RETENTION.completed,
  removeOnFail: JOB_RETENTION.failed,
} as const;

/** BullMQ job ids may not contain ':' and must not be all digits; business keys are hashed into this form. */
export function jobIdFrom(kind: string, ...keyParts: string[]): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, '_');
  return [safe(kind), ...keyParts.map(safe)].join('-');
}
