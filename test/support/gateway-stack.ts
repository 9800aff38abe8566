import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@earshot/platform';
import { AsrConfig } from '../../apps/asr/src/asr.config';
import { AsrModule } from '../../apps/asr/src/asr.module';
import { GatewayConfig } from '../../apps/gateway/src/gateway.config';
import { createGatewayApp } from '../../apps/gateway/src/gateway.app';
import { ItnConfig } from '../../apps/itn/src/itn.config';
import { ItnModule } from '../../apps/itn/src/itn.module';
import { InProcessWorkers } from './in-process-workers';

export const REPO = resolve(__dirname, '../..');
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const MODELS_DIR = join(REPO, 'models');

/**
 * The real gateway and the real ASR (shipped digits model) and ITN workers in this process, on a private BullMQ key
 * prefix and their own queue names, so suites never see each other's jobs in the shared Redis. Optional analyses
 * nobody serves are skipped at once (no worker on their unique queues).
 */
export class GatewayStack {
  readonly prefix = `stack-${randomUUID()}`;
  readonly queues = {
    asrQueue: `st-asr-${randomUUID()}`,
    lidQueue: `st-lid-${randomUUID()}`,
    serQueue: `st-ser-${randomUUID()}`,
    aedQueue: `st-aed-${randomUUID()}`,
    mergeQueue: `st-merge-${randomUUID()}`,
    itnQueue: `st-itn-${randomUUID()}`,
    transcribeQueue: `st-transcribe-${randomUUID()}`,
    webhookQueue: `st-webhook-${randomUUID()}`,
  };
  private readonly workers = new InProcessWorkers(REDIS_URL, this.prefix);
  gateway?: INestApplication;

  /** The ASR worker on the digits model and the ITN worker (the flow's written-form step). */
  async startWorkers(): Promise<void> {
    const w = this.workers;
    const asr = loadConfig(AsrConfig, { REDIS_URL, MODELS_DIR, ASR_MODEL: 'digits-en-ctc', ASR_QUEUE: this.queues.asrQueue });
    await w.boot(AsrModule.forRoot({ config: asr, driver: w.driver(), store: w.store() }));
    const itn = loadConfig(ItnConfig, { REDIS_URL, ITN_QUEUE: this.queues.itnQueue });
    await w.boot(ItnModule.forRoot({ config: itn, driver: w.driver() }));
  }

  /** Listens on 127.0.0.1 at a free port and answers its base URL; `env` is the gateway's environment. */
  async startGateway(env: Record<string, string>): Promise<string> {
    const config = Object.assign(loadConfig(GatewayConfig, { REDIS_URL, LOG_LEVEL: 'error', ...env }), this.queues);
    this.gateway = await createGatewayApp({ config, queueDriver: this.workers.driver(), audioStore: this.workers.store() });
    await this.gateway.listen(0, '127.0.0.1');
    return `http://127.0.0.1:${(this.gateway.getHttpServer().address() as { port: number }).port}`;
  }

  async close(): Promise<void> {
    await this.gateway?.close();
    await this.workers.close();
  }
}
