import { Inject, Injectable } from '@nestjs/common';
import { EarshotError, jobIdFrom, WEBHOOK_DELIVERY, WebhookJobData, WebhookPayload } from '@earshot/contracts';
import { QUEUE_DRIVER, QueueDriver } from '@earshot/platform';
import { GatewayConfig } from '../gateway.config';
import { WebhookHttpAdapter } from './webhook-http.adapter';
import { checkWebhookUrl } from './webhook-url';

/** Validates webhook URLs and queues deliveries; the WebhookProcessor sends them. */
@Injectable()
export class WebhookService {
  constructor(
    private readonly config: GatewayConfig,
    @Inject(QUEUE_DRIVER) private readonly queue: QueueDriver,
    private readonly http: WebhookHttpAdapter,
  ) {}

  async check(url: string): Promise<URL> {
    if (!this.config.webhookSecret)
      throw new EarshotError('INVALID_ARGUMENT', 'Webhooks are off on this server (WEBHOOK_SECRET is not set)', 'webhook_url');
    return checkWebhookUrl(url, {
      allowPrivate: this.config.webhookAllowPrivate,
      resolve: (host) => this.http.resolve(host),
    });
  }

  /** One delivery per job outcome: the id is derived from both, so a re-run job never notifies twice. */
  async enqueue(url: string, payload: WebhookPayload): Promise<void> {
    const data: WebhookJobData = { url, body: JSON.stringify(payload) };
    await this.queue.add(this.config.webhookQueue, 'webhook', data, {
      jobId: jobIdFrom('webhook', payload.id, payload.status),
      attempts: WEBHOOK_DELIVERY.attempts,
      backoffMs: WEBHOOK_DELIVERY.backoffMs,
    });
  }
}
