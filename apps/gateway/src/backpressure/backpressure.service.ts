import { Inject, Injectable } from '@nestjs/common';
import { EarshotError } from '@earshot/contracts';
import { QUEUE_DRIVER, QueueDriver } from '@earshot/platform';
import { GatewayConfig } from '../gateway.config';
import { QueueDepthCache } from './queue-depth.cache';

/** Routes share a lane when they feed the same queue and compete for the same limits. */
export const LANES = ['transcribe', 'cry', 'jobs'] as const;
export type Lane = (typeof LANES)[number];

interface LaneLimits {
  queue: string;
  maxDepth: number;
  maxInFlight: number;
}

/** A request's place in its lane; `release` once the answer is out (idempotent). */
export interface Admission {
  release(): void;
}

/** Raised when a lane is full; the caller sends `Retry-After: retryAfterSec`. */
export class OverloadedError extends EarshotError {
  constructor(
    message: string,
    override readonly retryAfterSec: number,
  ) {
    super('OVERLOADED', message);
  }
}

/**
 * Admission control per lane: at most `maxInFlight` requests held open by this gateway, and no new work while the
 * lane's queue already holds `maxDepth` waiting jobs. Refusing early (429 + Retry-After) keeps queues and memory
 * bounded under a flood instead of accepting work that would only time out. The firmware lane (`cry`) has its own
 * queue and limits, so batch traffic filling the transcription lane never turns a camera away.
 */
@Injectable()
export class BackpressureService {
  private readonly inFlight = new Map<Lane, number>();
  private readonly depths: QueueDepthCache;
  private readonly limits: Record<Lane, LaneLimits>;

  constructor(
    private readonly config: GatewayConfig,
    @Inject(QUEUE_DRIVER) driver: QueueDriver,
  ) {
    this.depths = new QueueDepthCache(driver, config.queueDepthCacheMs);
    const transcribe = { queue: config.asrQueue, maxDepth: config.maxQueueDepth, maxInFlight: config.maxInflightRequests };
    this.limits = {
      transcribe,
      // Batch uploads wait on the public batch queue: its depth is what a flood of them grows.
      jobs: { ...transcribe, queue: config.transcribeQueue },
      cry: { queue: config.cryQueue, maxDepth: config.cryMaxQueueDepth, maxInFlight: config.cryMaxInflight },
    };
  }

  /** Admits a request to `lane` or throws OVERLOADED (429) with the seconds to wait. */
  async admit(lane: Lane): Promise<Admission> {
    const l = this.limits[lane];
    const retryAfter = this.config.overloadRetryAfterSeconds;
    const held = this.inFlight.get(lane) ?? 0;
    if (held >= l.maxInFlight) {
      throw new OverloadedError(`Too many ${lane} requests in progress (${l.maxInFlight}); retry in ${retryAfter} s`, retryAfter);
    }
    // Counted before the depth check so concurrent arrivals cannot all pass while it awaits the first refresh.
    this.inFlight.set(lane, held + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.inFlight.set(lane, (this.inFlight.get(lane) ?? 1) - 1);
    };
    const depth = await this.depths.depth(l.queue);
    if (depth >= l.maxDepth) {
      release();
      throw new OverloadedError(`The ${lane} queue is full (${l.maxDepth} waiting jobs); retry in ${retryAfter} s`, retryAfter);
    }
    this.depths.admitted(l.queue);
    return { release };
  }

  /** Requests this gateway holds open per lane (for tests and metrics). */
  held(lane: Lane): number {
    return this.inFlight.get(lane) ?? 0;
  }
}
