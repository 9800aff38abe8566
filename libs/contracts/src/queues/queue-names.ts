/**
 * Queue names are part of the public contract (batch producers enqueue by name), so they are versioned.
 * Tests pass a prefix or suffix to get unique queues per test; production uses these names as they are.
 */
export const QUEUE_NAMES = {
  asr: 'earshot.asr.v1',
  lid: 'earshot.lid.v1',
  ser: 'earshot.ser.v1',
  aed: 'earshot.aed.v1',
  /** Cry detection for cameras: its own queue so batch work never delays it. */
  cry: 'earshot.cry.v1',
  itn: 'earshot.itn.v1',
  merge: 'earshot.merge.v1',
  /** Public batch contract: audio in, the rich transcript as the job's return value (TranscribeJobData). */
  transcribe: 'earshot.transcribe.v1',
  /** Webhook deliveries of batch jobs (WebhookJobData), retried with backoff. */
  webhook: 'earshot.webhook.v1',
} as const;

export type TaskQueue = keyof typeof QUEUE_NAMES;
