#!/usr/bin/env node
// A batch producer in another service: enqueue audio on earshot's public queue with plain BullMQ, wait, print the
// rich transcript. Only `bullmq` is needed; nothing from earshot is imported (the contract is in docs/architecture.md).
//
//   node examples/bullmq-producer.mjs samples/digits-en.wav [--language en] [--no-itn] [--tasks asr,lid,aed]
//
// Environment: REDIS_URL (redis://127.0.0.1:6379), TRANSCRIBE_QUEUE (earshot.transcribe.v1), BULL_PREFIX (bull),
// TIMEOUT_MS (600000).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.match(/^--(language|tasks)$/));
if (!file) {
  console.error('usage: node examples/bullmq-producer.mjs <audio file> [--language auto|zh|en|yue|ja|ko] [--no-itn] [--tasks asr,lid,ser,aed]');
  process.exit(2);
}
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

const redis = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const connection = {
  host: redis.hostname,
  port: Number(redis.port || 6379),
  username: redis.username || undefined,
  password: redis.password ? decodeURIComponent(redis.password) : undefined,
  db: Number(redis.pathname.slice(1) || 0),
  ...(redis.protocol === 'rediss:' ? { tls: {} } : {}),
};
const queueName = process.env.TRANSCRIBE_QUEUE ?? 'earshot.transcribe.v1';
const prefix = process.env.BULL_PREFIX ?? 'bull';
const timeoutMs = Number(process.env.TIMEOUT_MS ?? 600_000);

const bytes = readFileSync(file);
// TranscribeJobData (v1): the audio inline as base64 (or {path} under the gateway's JOBS_INPUT_DIR).
const data = {
  audio: { base64: bytes.toString('base64') },
  filename: basename(file),
  language: option('language') ?? 'auto',
  itn: !args.includes('--no-itn'),
  ...(option('tasks') ? { tasks: option('tasks').split(',') } : {}),
};
// A deterministic id from the business key (here: the file and the options), so a re-run reads the same job
// instead of transcribing twice. Job ids must not contain ':' or be all digits.
const jobId = `batch-${createHash('sha256').update(bytes).update(JSON.stringify({ ...data, audio: undefined })).digest('hex').slice(0, 32)}`;

const queue = new Queue(queueName, { connection, prefix });
const events = new QueueEvents(queueName, { connection, prefix });
let code = 0;
try {
  await events.waitUntilReady();
  const job = await queue.add('transcribe', data, {
    jobId,
    attempts: 2,
    backoff: { type: 'exponential', delay: 5000 },
    removeOnComplete: { age: 24 * 3600 },
    removeOnFail: { age: 7 * 24 * 3600 },
  });
  events.on('progress', ({ jobId: id, data: p }) => {
    if (id === job.id && typeof p === 'number') process.stderr.write(`progress ${Math.round(p * 100)}%\n`);
  });
  const transcript = await job.waitUntilFinished(events, timeoutMs);
  process.stdout.write(`${JSON.stringify(transcript)}\n`);
} catch (err) {
  // A failed job's reason is "CODE: message" (e.g. "AUDIO_NOT_AUDIO: ...").
  console.error(`transcription failed: ${err instanceof Error ? err.message : String(err)}`);
  code = 1;
} finally {
  await Promise.allSettled([events.close(), queue.close()]);
}
process.exit(code);
