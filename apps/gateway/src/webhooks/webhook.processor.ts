import { Inject, Injectable } from '@nestjs/common';
import { EarshotError, WEBHOOK_DELIVERY, WebhookJobData } from '@earshot/contracts';
import { JobContext, QUEUE_DRIVER, QueueDriver, QueueProcessor } from '@earshot/platform';
import { GatewayConfig } from '../gateway.config';
import { WebhookHttpAdapter } from './webhook-http.adapter';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature';
import { WebhookService } from './webhook.service';

/** Deliveries wait on the network, not the CPU: several at once. */
const WEBHOOK_CONCURRENCY = 8;

export interface WebhookDelivery {
  status: number;
  attempt: number;
}

/** Sends one signed POST per attempt; any non-2xx or network failure is retried with backoff, a bad URL is not. */
@Injectable()
export class WebhookProcessor extends QueueProcessor<WebhookJobData, WebhookDelivery> {
  constructor(
    @Inject(QUEUE_DRIVER) driver: QueueDriver,
    private readonly config: GatewayConfig,
    private readonly webhooks: WebhookService,
    private readonly http: WebhookHttpAdapter,
  ) {
    super(driver, config.webhookQueue, WEBHOOK_CONCURRENCY);
  }

  async handle(job: JobContext<WebhookJobData>): Promise<WebhookDelivery> {
    const { url, body } = job.data ?? ({} as WebhookJobData);
    if (typeof url !== 'string' || typeof body !== 'string')
      throw new EarshotError('INVALID_ARGUMENT', 'webhook job needs {url, body}', 'data');
    const target = await this.webhooks.check(url);
    const attempt = job.attemptsMade + 1;
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'earshot-webhook/1',
      [SIGNATURE_HEADER]: signWebhook(this.config.webhookSecret ?? '', body, Math.floor(Date.now() / 1000)),
      'x-earshot-delivery': job.id,
      'x-earshot-attempt': String(attempt),
    };
    const res = await this.http
      .post(target, body, headers, {
        timeoutMs: WEBHOOK_DELIVERY.timeoutMs,
        allowPrivate: this.config.webhookAllowPrivate,
      })
      .catch((e: Error) => {
        throw new EarshotError('DEPENDENCY_UNAVAILABLE', `webhook delivery failed: ${e.message}`);
      });
    if (res.status < 200 || res.status >= 300) {
      if (attempt >= job.maxAttempts) this.logger.warn(`webhook ${job.id} given up after ${attempt} attempts (last ${res.status})`);
      throw new EarshotError('DEPENDENCY_UNAVAILABLE', `webhook receiver answered ${res.status}`);
    }
    return { status: res.status, attempt };
  }
}
