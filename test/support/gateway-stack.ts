import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BullMqQueueDriver, loadConfig, RedisAudioStore } from '@earshot/platform';
import { AsrConfig } from '../../apps/asr/src/asr.config';
import { AsrModule } from '../../apps/asr/src/asr.module';
import { GatewayConfig } from '../../apps/gateway/src/gateway.config';
import { createGatewayApp } from '../../apps/gateway/src/gateway.app';
import { ItnConfig } from '../../apps/itn/src/itn.config';
import { ItnModule } from '../../apps/itn/src/itn.module';

export const REPO = resolve(__dirname, '../..');
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const MODELS_DIR = join(REPO, 'models');

/**
 * The real gateway and the real ASR (shipped digits model) and ITN workers in this process, on a private BullMQ key prefix
 * and their own queue names, so suites never see each other's jobs in the shared Redis. Optional analyses nobody
 * serves are skipped at once (no worker on their unique queues).
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
  private readonly apps: INestApplication[] = [];
  gateway?: INestApplication;
  baseUrl = '';

  driver(): BullMqQueueDriver {
    return new BullMqQueueDriver({ redisUrl: REDIS_URL, prefix: this.prefix });
  }

  /** The ASR worker on the digits model and the ITN worker (the flow's written-form step). */
  async startWorkers(): Promise<void> {
    const asr = loadConfig(AsrConfig, { REDIS_URL, MODELS_DIR, ASR_MODEL: 'digits-en-ctc', ASR_QUEUE: this.queues.asrQueue });
    await this.boot(AsrModule.forRoot({ config: asr, driver: this.driver(), store: new RedisAudioStore(REDIS_URL) }));
    const itn = loadConfig(ItnConfig, { REDIS_URL, ITN_QUEUE: this.queues.itnQueue });
    await this.boot(ItnModule.forRoot({ config: itn, driver: this.driver() }));
  }

  private async boot(mod: unknown): Promise<void> {
    @Module({ imports: [mod as never] })
    class WorkerApp {}
    const app = await NestFactory.create(WorkerApp, { logger: false });
    await app.init();
    this.apps.push(app);
  }

  /** Listens on 127.0.0.1 at a free port; `env` is the gateway's environment (API_KEYS, WEBHOOK_*, …). */
  async startGateway(env: Record<string, string>): Promise<string> {
    const config = Object.assign(loadConfig(GatewayConfig, { REDIS_URL, LOG_LEVEL: 'error', ...env }), this.queues);
    this.gateway = await createGatewayApp({
      config,
      queueDriver: this.driver(),
      audioStore: new RedisAudioStore(REDIS_URL),
    });
    await this.gateway.listen(0, '127.0.0.1');
    const addr = this.gateway.getHttpServer().address() as { port: number };
    this.baseUrl = `http://127.0.0.1:${addr.port}`;
    return this.baseUrl;
  }

  async close(): Promise<void> {
    await this.gateway?.close();
    for (const app of this.apps) await app.close();
  }
}
