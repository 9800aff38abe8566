/**
 * `npm run bench:transcription`: what the gateway's flow adds to a transcription. In one process, on real Redis
 * (private key prefix): the gateway (HTTP, multipart, decode, audio store, BullMQ flow, merge job) and the ASR
 * worker with the shipped digits model, against the bare ASR engine call on the same PCM, measured in the same run.
 * Clips: a shipped 2.3 s sample and a 10 s clip of the samples joined. Ends with one JSON line.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createAudioDecoder } from '@earshot/audio';
import { hashApiKey } from '@earshot/contracts';
import { BullMqQueueDriver, loadConfig, RedisAudioStore } from '@earshot/platform';
import { AsrConfig } from '../apps/asr/src/asr.config';
import { AsrEngine } from '../apps/asr/src/asr-engine.service';
import { AsrModule } from '../apps/asr/src/asr.module';
import { GatewayConfig } from '../apps/gateway/src/gateway.config';
import { createGatewayApp } from '../apps/gateway/src/gateway.app';
import { median, REPO, round } from './support/service-process';
import { wavBytes } from './support/wav';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const KEY = 'bench-transcribe-key';

async function timeEach(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

async function main(): Promise<void> {
  if (!existsSync(join(REPO, 'models/digits-en-ctc/manifest.json')))
    throw new Error('models/digits-en-ctc is missing');
  Logger.overrideLogger(['error']);
  const prefix = `bench-transcription-${randomUUID()}`;
  const asrConfig = loadConfig(AsrConfig, {
    REDIS_URL,
    MODELS_DIR: join(REPO, 'models'),
    ASR_MODEL: 'digits-en-ctc',
  });
  @Module({
    imports: [
      AsrModule.forRoot({
        config: asrConfig,
        driver: new BullMqQueueDriver({ redisUrl: REDIS_URL, prefix }),
        store: new RedisAudioStore(REDIS_URL),
      }),
    ],
  })
  class WorkerApp {}
  const worker: INestApplication = await NestFactory.create(WorkerApp, { logger: ['error'] });
  await worker.init();
  const config = Object.assign(
    loadConfig(GatewayConfig, {
      REDIS_URL,
      LOG_LEVEL: 'error',
      API_KEYS: `bench:transcribe:${hashApiKey(KEY)}`,
    }),
    {
      mergeQueue: `bench-merge-${randomUUID()}`,
    },
  );
  const gateway = await createGatewayApp({
    config,
    queueDriver: new BullMqQueueDriver({ redisUrl: REDIS_URL, prefix }),
    audioStore: new RedisAudioStore(REDIS_URL),
  });
  await gateway.listen(0, '127.0.0.1');
  const port = (gateway.getHttpServer().address() as { port: number }).port;
  const engine = worker.get(AsrEngine);
  const decoder = createAudioDecoder();

  const short = readFileSync(join(REPO, 'samples/digits-en.wav'));
  const parts = await Promise.all(
    ['digits-en', 'digits-en-gb-female', 'digits-en-gb', 'digit-seven'].map((n) =>
      decoder.decodeFile(join(REPO, `samples/${n}.wav`)),
    ),
  );
  const long = new Float32Array(10 * 16000);
  for (let at = 0, i = 0; at < long.length; i++) {
    const p = parts[i % parts.length].samples.subarray(0, long.length - at);
    long.set(p, at);
    at += p.length;
  }
  const clips = [
    { name: 'sample-2.3s', wav: short },
    { name: 'joined-10s', wav: wavBytes(long) },
  ];

  const results: Record<string, unknown>[] = [];
  for (const clip of clips) {
    const pcm = (await decoder.decodeBuffer(clip.wav)).samples;
    const bare = await timeEach(RUNS, () => engine.transcribe(pcm, { language: 'auto', itn: true }));
    const http = await timeEach(RUNS, async () => {
      const form = new FormData();
      form.append('file', new Blob([clip.wav], { type: 'audio/wav' }), 'clip.wav');
      form.append('tasks', 'asr');
      const r = await fetch(`http://127.0.0.1:${port}/v1/understand`, {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${KEY}` },
      });
      if (!r.ok) throw new Error(`HTTP ${r.status}: ${await r.text()}`);
      await r.json();
    });
    const added = median(http) - median(bare);
    const row = {
      clip: clip.name,
      seconds: round(pcm.length / 16000, 2),
      bareAsrMs: round(median(bare)),
      httpFlowMs: round(median(http)),
      addedMs: round(added),
      addedShare: round(added / median(http), 3),
    };
    console.log(
      `${row.clip}: bare ASR ${row.bareAsrMs} ms, HTTP + flow ${row.httpFlowMs} ms, added ${row.addedMs} ms (${round(100 * row.addedShare, 1)} % of the request)`,
    );
    results.push(row);
  }
  await gateway.close();
  await worker.close();
  console.log(
    JSON.stringify({
      bench: 'transcription',
      runs: RUNS,
      mode: 'one process, BullMQ on Redis, tasks=asr',
      results,
    }),
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
