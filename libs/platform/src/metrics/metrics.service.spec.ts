import { InMemoryQueueDriver } from '../queue/in-memory.driver';
import { QueueDriver } from '../queue/queue-driver';
import { MetricsService, timeModelRun } from './metrics.service';

/** `name{labels} value` lines of one metric whose labels include every given `k="v"`. */
function lines(text: string, name: string, ...labels: string[]): string[] {
  return text.split('\n').filter((l) => l.startsWith(`${name}{`) && labels.every((x) => l.includes(x)));
}

function value(text: string, name: string, ...labels: string[]): number {
  const found = lines(text, name, ...labels);
  if (found.length !== 1) throw new Error(`${found.length} lines for ${name} ${labels.join(' ')}`);
  return Number(found[0].split(' ').pop());
}

describe('MetricsService', () => {
  it('keeps each instance in its own registry, labelled with the service name', async () => {
    const a = new MetricsService('gateway');
    const b = new MetricsService('asr');
    a.observeHttp('/v1/understand', 'POST', 200, 0.03);
    const textA = await a.render();
    const textB = await b.render();
    expect(value(textA, 'earshot_http_requests_total', 'route="/v1/understand"', 'status="200"', 'service="gateway"')).toBe(1);
    expect(lines(textB, 'earshot_http_requests_total')).toEqual([]);
    expect(textB).toMatch(/^process_cpu_user_seconds_total\{service="asr"\} /m);
    expect(a.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('counts requests per route, method and status and puts their time in the right bucket', async () => {
    const m = new MetricsService();
    m.observeHttp('/v1/cry-detection', 'POST', 200, 0.02);
    m.observeHttp('/v1/cry-detection', 'POST', 200, 0.2);
    m.observeHttp('/v1/cry-detection', 'POST', 429, 0.001);
    const text = await m.render();
    expect(value(text, 'earshot_http_requests_total', 'status="200"')).toBe(2);
    expect(value(text, 'earshot_http_requests_total', 'status="429"')).toBe(1);
    expect(value(text, 'earshot_http_request_duration_seconds_bucket', 'status="200"', 'le="0.025"')).toBe(1);
    expect(value(text, 'earshot_http_request_duration_seconds_bucket', 'status="200"', 'le="0.25"')).toBe(2);
    expect(value(text, 'earshot_http_request_duration_seconds_sum', 'status="200"')).toBeCloseTo(0.22, 6);
  });

  it('times model calls, failed ones too, and passes results and errors through', async () => {
    const m = new MetricsService();
    await expect(m.timeModel('asr', 'digits-en-ctc', async () => 'text')).resolves.toBe('text');
    await expect(
      m.timeModel('asr', 'digits-en-ctc', async () => {
        await new Promise((r) => setTimeout(r, 20));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(timeModelRun(undefined, 'asr', 'x', async () => 7)).resolves.toBe(7);
    const text = await m.render();
    expect(value(text, 'earshot_model_run_seconds_count', 'task="asr"', 'model="digits-en-ctc"')).toBe(2);
    expect(value(text, 'earshot_model_run_seconds_sum', 'task="asr"')).toBeGreaterThanOrEqual(0.015);
  });

  it('counts job outcomes per queue', async () => {
    const m = new MetricsService();
    m.observeJob('earshot.cry.v1', 'completed', 0.01);
    m.observeJob('earshot.cry.v1', 'completed', 0.02);
    m.observeJob('earshot.cry.v1', 'failed', 0.001);
    const text = await m.render();
    expect(value(text, 'earshot_jobs_total', 'queue="earshot.cry.v1"', 'outcome="completed"')).toBe(2);
    expect(value(text, 'earshot_jobs_total', 'queue="earshot.cry.v1"', 'outcome="failed"')).toBe(1);
    expect(value(text, 'earshot_job_duration_seconds_count', 'outcome="completed"')).toBe(2);
  });

  it('reads queue depths from the driver at scrape time', async () => {
    const driver = new InMemoryQueueDriver();
    const m = new MetricsService('gateway', driver);
    m.watchQueue('q-a');
    m.watchQueue('q-b');
    expect(value(await m.render(), 'earshot_queue_jobs', 'queue="q-a"', 'state="waiting"')).toBe(0);
    await driver.add('q-a', 'x', { n: 1 });
    await driver.add('q-a', 'x', { n: 2 });
    const text = await m.render();
    expect(value(text, 'earshot_queue_jobs', 'queue="q-a"', 'state="waiting"')).toBe(2);
    expect(value(text, 'earshot_queue_jobs', 'queue="q-b"', 'state="waiting"')).toBe(0);
    for (const state of ['active', 'delayed', 'failed']) expect(lines(text, 'earshot_queue_jobs', `state="${state}"`)).toHaveLength(2);
    expect(lines(text, 'earshot_queue_jobs', 'state="completed"')).toEqual([]);
    await driver.close();
  });

  it('leaves out a queue whose counts fail, and still answers the scrape', async () => {
    const counts = jest.fn(async (q: string) => {
      if (q === 'broken') throw new Error('Redis is down');
      return { waiting: 3, active: 1, delayed: 0, failed: 2, completed: 9 };
    });
    const m = new MetricsService('gateway', { counts } as unknown as QueueDriver);
    m.watchQueue('fine');
    m.watchQueue('broken');
    const text = await m.render();
    expect(value(text, 'earshot_queue_jobs', 'queue="fine"', 'state="failed"')).toBe(2);
    expect(lines(text, 'earshot_queue_jobs', 'queue="broken"')).toEqual([]);
    expect(counts).toHaveBeenCalledTimes(2);
  });
});
