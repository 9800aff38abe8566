/** @jest-environment ./test/onnx-realm.environment.js */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Job, Queue, QueueEvents } from 'bullmq';
import { GatewayStack, MODELS_DIR, REDIS_URL, REPO } from './support/gateway-stack';

// The public batch contract from outside: the runnable example producer (plain bullmq, no earshot imports) runs in
// its own node process against real Redis and the real gateway + ASR worker, and prints the rich transcript.
jest.setTimeout(90_000);

const run = promisify(execFile);
const HAVE_DIGITS = existsSync(join(MODELS_DIR, 'digits-en-ctc/manifest.json'));
if (!HAVE_DIGITS) console.warn('SKIPPED: models/digits-en-ctc is missing, the batch producer e2e cannot run');
const describeIf = HAVE_DIGITS ? describe : describe.skip;

describeIf('earshot.transcribe.v1 from a separate producer process (examples/bullmq-producer.mjs)', () => {
  const stack = new GatewayStack();
  const inputDir = mkdtempSync(join(tmpdir(), 'earshot-jobs-in-'));
  const connection = { url: REDIS_URL };
  let queue: Queue;
  let events: QueueEvents;

  beforeAll(async () => {
    writeFileSync(join(inputDir, 'seven.wav'), readFileSync(join(REPO, 'samples/digit-seven.wav')));
    await stack.startWorkers();
    await stack.startGateway({ JOBS_INPUT_DIR: inputDir, API_KEYS: '' });
    queue = new Queue(stack.queues.transcribeQueue, { connection, prefix: stack.prefix });
    events = new QueueEvents(stack.queues.transcribeQueue, { connection, prefix: stack.prefix });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await Promise.allSettled([events?.close(), queue?.close()]);
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await stack.close();
    rmSync(inputDir, { recursive: true, force: true });
  });

  const producer = (args: string[]) =>
    run(process.execPath, [join(REPO, 'examples/bullmq-producer.mjs'), ...args], {
      cwd: REPO,
      timeout: 60_000,
      env: {
        PATH: process.env.PATH,
        REDIS_URL,
        TRANSCRIBE_QUEUE: stack.queues.transcribeQueue,
        BULL_PREFIX: stack.prefix,
        TIMEOUT_MS: '50000',
      },
    });

  it.each([
    ['samples/digits-en.wav', /^4271$/],
    ['samples/digits-en-gb-female.wav', /^908536$/],
  ])('%s: the example prints the rich transcript', async (file, written) => {
    const { stdout, stderr } = await producer([file, '--language', 'en', '--tasks', 'asr']);
    const t = JSON.parse(stdout);
    expect(t.text.replace(/\s/g, '')).toMatch(written);
    expect(t.itn).toBe(true);
    expect(t.models).toEqual({ asr: 'digits-en-ctc' });
    expect(t.segments.length).toBeGreaterThan(0);
    expect(t.duration).toBeGreaterThan(1);
    // the job reports progress: at least the decode step, and it ends at 100 %
    expect(stderr).toMatch(/progress 10%/);
  });

  it('answers a re-run from the same job (deterministic id) with the same transcript', async () => {
    const a = await producer(['samples/digits-en.wav', '--no-itn', '--tasks', 'asr']);
    const before = await queue.getJobCounts('completed');
    const b = await producer(['samples/digits-en.wav', '--no-itn', '--tasks', 'asr']);
    expect(JSON.parse(b.stdout)).toEqual(JSON.parse(a.stdout));
    expect(JSON.parse(a.stdout).text).toBe('four two seven one');
    expect((await queue.getJobCounts('completed')).completed).toBe(before.completed);
  });

  it('reads {path} sources under JOBS_INPUT_DIR', async () => {
    const job = await queue.add('transcribe', { audio: { path: 'seven.wav' }, tasks: ['asr'], itn: false });
    const t = await job.waitUntilFinished(events, 30_000);
    expect(t.text_spoken).toBe('seven');
  });

  async function failure(data: unknown): Promise<Job> {
    const job = await queue.add('transcribe', data, { attempts: 3, backoff: { type: 'fixed', delay: 100 } });
    await expect(job.waitUntilFinished(events, 30_000)).rejects.toThrow();
    return (await Job.fromId(queue, job.id!))!;
  }

  it.each([
    [{ audio: { path: '../../../etc/passwd' } }, /^INVALID_ARGUMENT: audio.path must be a relative path inside JOBS_INPUT_DIR/],
    [{ audio: { path: '/etc/passwd' } }, /^INVALID_ARGUMENT: audio.path must be a relative path/],
    [{ audio: { base64: Buffer.from('just text, not audio '.repeat(50)).toString('base64') } }, /^AUDIO_NOT_AUDIO: /],
    [{ audio: { base64: '***' } }, /^INVALID_ARGUMENT: audio.base64 is not base64/],
    [{ audio: {} }, /^INVALID_ARGUMENT: audio must have exactly one of base64, path/],
    [{ audio: { base64: 'AAAA' }, language: 'xx' }, /^INVALID_ARGUMENT: language must be one of/],
    [{ audio: { base64: 'AAAA' }, tasks: ['asr', 'ocr'] }, /^INVALID_ARGUMENT: tasks must be an array/],
    ['not an object', /^INVALID_ARGUMENT: job data must be an object/],
  ])('fails bad input %j at once with a clear reason (no retries)', async (data, reason) => {
    const job = await failure(data);
    expect(job.failedReason).toMatch(reason);
    expect(job.attemptsMade).toBe(1);
  });
});
