import IORedis, { Redis } from 'ioredis';
import { EarshotError } from '@earshot/contracts';

/** Reconnect attempts back off to this; it is also what a caller is told to wait while Redis is down. */
const MAX_RECONNECT_DELAY_MS = 2000;
export const REDIS_RETRY_AFTER_SEC = Math.ceil(MAX_RECONNECT_DELAY_MS / 1000) + 1;
/** A request arriving before the first connection is up (process start) waits this long before it is refused. */
const READY_WAIT_MS = 1000;
/** Connections that have been up once: once lost, calls are refused at once rather than after READY_WAIT_MS. */
const wasReady = new WeakSet<Redis>();

/**
 * Two kinds of connection. `patient` (workers, event streams, blocking reads) queues commands while Redis is away
 * and retries them forever: a worker rides out an outage. `fail-fast` (what answers an HTTP request) refuses
 * commands at once when the connection is not up, so a caller gets 503 with Retry-After instead of hanging.
 */
export function createRedis(url: string, kind: 'patient' | 'fail-fast'): Redis {
  const redis = new IORedis(url, {
    maxRetriesPerRequest: kind === 'patient' ? null : 1,
    enableOfflineQueue: kind === 'patient',
    retryStrategy: (times) => Math.min(times * 200, MAX_RECONNECT_DELAY_MS),
  });
  // Connection errors surface through health checks and refused calls; never crash the process.
  redis.on('error', () => undefined);
  redis.once('ready', () => wasReady.add(redis));
  return redis;
}

/**
 * Refused before anything was sent: nothing was accepted. `midCall`: the connection dropped while a call was in
 * flight, so Redis may have carried it out without the answer arriving (the caller cannot know; retrying is safe
 * for content-addressed jobs and at worst leaves an unanswered duplicate for random ones).
 */
export function redisUnavailable(what: string, midCall = false): EarshotError {
  const outcome = midCall ? 'the connection dropped during the call, so it may or may not have been accepted' : 'nothing was accepted';
  return new EarshotError(
    'QUEUE_UNAVAILABLE',
    `${what} is unavailable (Redis is unreachable); ${outcome}; retry in ${REDIS_RETRY_AFTER_SEC} s`,
  ).retryAfter(REDIS_RETRY_AFTER_SEC);
}

/** Resolves when the connection is up (waiting briefly for the first connect), else throws QUEUE_UNAVAILABLE. */
export async function whenReady(redis: Redis, what: string, waitMs = READY_WAIT_MS): Promise<void> {
  if (redis.status === 'ready') return;
  if (wasReady.has(redis) || redis.status === 'end') throw redisUnavailable(what);
  const ready = await new Promise<boolean>((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ok);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), waitMs);
    redis.once('ready', onReady);
  });
  if (!ready) throw redisUnavailable(what);
}

/** Errors of a fail-fast connection (refused, reset, closed) as QUEUE_UNAVAILABLE; anything else unchanged. */
export function asUnavailable(err: unknown, redis: Redis, what: string): unknown {
  if (err instanceof EarshotError) return err;
  const message = (err as Error)?.message ?? '';
  const connectionProblem =
    redis.status !== 'ready' ||
    /enableOfflineQueue|Connection is closed|ECONNREFUSED|ECONNRESET|EPIPE|Reached the max retries|Stream isn't writeable/i.test(message);
  return connectionProblem ? redisUnavailable(what, true) : err;
}

/**
 * A job the caller itself enqueued that is gone before it finished: Redis restarted without its data (no AOF). The
 * caller cannot get an answer for it any more, but submitting again works: 503 with Retry-After, not 404.
 */
export function lostJobAsUnavailable(err: unknown): unknown {
  if (!(err instanceof EarshotError) || err.code !== 'NOT_FOUND') return err;
  return new EarshotError(
    'QUEUE_UNAVAILABLE',
    'The job was lost before it finished (the queue restarted without its data); submit the request again',
  ).retryAfter(REDIS_RETRY_AFTER_SEC);
}
