/**
 * `npm run soak`: the whole suite as real processes from dist (gateway, asr, lid, ser, aed, itn) on real Redis
 * (unique queue names), SOAK_REQUESTS mixed requests (default 10 000) at SOAK_RATE per second on 127.0.0.1:
 * cry-detection clips, OpenAI-style transcriptions, /v1/understand with every task, a few bad inputs (expected 4xx)
 * and a rate-limited key (expected 429). Bounded in count and time (SOAK_MAX_SECONDS). Samples the RSS of every
 * process, counts answers by kind and status (anything not expected for its kind is an error: exit code 1), and
 * reports p50/p99 per minute. Ends with one JSON line.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createAudioDecoder } from '@earshot/audio';
import { hashApiKey } from '@earshot/contracts';
import { freePort, median, percentile, REPO, round, ServiceProcess } from './support/service-process';
import { wavBytes } from './support/wav';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const REQUESTS = Number(process.env.SOAK_REQUESTS ?? 10_000);
const RATE = Number(process.env.SOAK_RATE ?? 8);
const MAX_SECONDS = Number(process.env.SOAK_MAX_SECONDS ?? 1800);
const MAX_OUTSTANDING = Number(process.env.SOAK_MAX_OUTSTANDING ?? 64);
const SAMPLE_EVERY_MS = 10_000;
const KEY = 'esk_soak_key';
const LIMITED_KEY = 'esk_soak_limited_key';
const LIMITED_PER_MINUTE = 10;
const log = (s: string) => process.stderr.write(`${s}\n`);

type Kind = 'cry' | 'transcription' | 'understand' | 'bad' | 'limited';
/** What each kind may answer; anything else counts as an error. OVERLOADED 429s are backpressure doing its job. */
const EXPECTED: Record<Kind, number[]> = {
  cry: [200, 429],
  transcription: [200, 429],
  understand: [200, 429],
  bad: [400, 413, 415, 422, 429],
  limited: [200, 429],
};

interface Outcome {
  kind: Kind;
  status: number | 'network';
  ms: number;
  startedAt: number;
  code?: string;
}

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function material(): Promise<{ cryClips: Buffer[]; speech: Buffer[] }> {
  const decoder = createAudioDecoder();
  const shared = process.env.EARSHOT_SHARED_DATA ?? join(REPO, '..', 'shared', 'data');
  const files = ['crying_baby/3-152007-A.flac', 'dog/1-100032-A.flac', 'dog/1-110389-A.flac']
    .map((f) => join(shared, 'audio/esc50/wav', f))
    .filter((f) => existsSync(f));
  const cryClips: Buffer[] = [];
  for (const f of files) cryClips.push(wavBytes((await decoder.decodeFile(f)).samples.slice(0, 5 * 16000)));
  cryClips.push(wavBytes(new Float32Array(2 * 16000))); // silence
  const speech = ['digits-en.wav', 'digits-en-gb.wav', 'digits-en-gb-female.wav', 'digit-seven.wav'].map((f) => readFileSync(join(REPO, 'samples', f)));
  return { cryClips, speech };
}

let variants = 0;
/** Distinct bytes per request: identical clips share a job id and would measure the dedup cache, not the suite. */
function variant(body: Buffer): Buffer {
  const copy = Buffer.from(body);
  copy.writeInt16LE((variants++ % 60000) - 30000, copy.length - 2);
  return copy;
}

function pick(i: number): Kind {
  const r = (i * 7919) % 100; // deterministic, evenly spread mix
  if (r < 55) return 'cry';
  if (r < 75) return 'transcription';
  if (r < 95) return 'understand';
  if (r < 98) return 'bad';
  return 'limited';
}

function buildRequest(kind: Kind, i: number, m: { cryClips: Buffer[]; speech: Buffer[] }): { path: string; init: RequestInit } {
  const auth = { authorization: `Bearer ${kind === 'limited' ? LIMITED_KEY : KEY}` };
  const speech = m.speech[i % m.speech.length];
  const form = (fields: Record<string, string>, file?: { body: Buffer; name: string }) => {
    const f = new FormData();
    if (file) f.append('file', new Blob([file.body]), file.name);
    for (const [k, v] of Object.entries(fields)) f.append(k, v);
    return f;
  };
  switch (kind) {
    case 'cry':
    case 'limited':
      return {
        path: '/v1/cry-detection',
        init: { method: 'POST', headers: { ...auth, 'content-type': 'audio/wav' }, body: variant(m.cryClips[i % m.cryClips.length]) },
      };
    case 'transcription':
      return { path: '/v1/audio/transcriptions', init: { method: 'POST', headers: auth, body: form({ model: 'whisper-1', response_format: i % 2 ? 'json' : 'verbose_json' }, { body: speech, name: 'speech.wav' }) } };
    case 'understand':
      return { path: '/v1/understand', init: { method: 'POST', headers: auth, body: form({ tasks: 'asr,lid,ser,aed', itn: 'true' }, { body: speech, name: 'speech.wav' }) } };
    case 'bad': {
      const which = i % 4;
      if (which === 0) return { path: '/v1/cry-detection', init: { method: 'POST', headers: { ...auth, 'content-type': 'audio/wav' }, body: new Uint8Array(0) } };
      if (which === 1) return { path: '/v1/understand', init: { method: 'POST', headers: auth, body: form({}, { body: Buffer.from('this is not audio at all\n'.repeat(40)), name: 'notes.wav' }) } };
      if (which === 2) return { path: '/v1/audio/transcriptions', init: { method: 'POST', headers: auth, body: form({ model: 'whisper-1' }) } };
      return { path: '/v1/cry-detection?sample_rate=12', init: { method: 'POST', headers: { ...auth, 'content-type': 'application/octet-stream' }, body: new Uint8Array(3200) } };
    }
  }
}

async function main(): Promise<void> {
  const m = await material();
  const run = randomUUID().slice(0, 8);
  const queues = Object.fromEntries(['ASR', 'LID', 'SER', 'AED', 'CRY', 'ITN', 'MERGE'].map((q) => [`${q}_QUEUE`, `soak-${q.toLowerCase()}-${run}`]));
  const common = { REDIS_URL, ...queues };
  const specs: Array<[string, Record<string, string>]> = [
    ['asr', { ASR_MODEL: 'digits-en-ctc' }],
    ['lid', {}],
    ['ser', {}],
    ['aed', {}],
    ['itn', {}],
  ];
  const services: ServiceProcess[] = [];
  for (const [name, env] of specs) {
    const port = await freePort();
    services.push(new ServiceProcess(name, { ...common, ...env, [`${name.toUpperCase()}_PORT`]: String(port) }, `http://127.0.0.1:${port}/health`));
  }
  const gwPort = await freePort();
  const base = `http://127.0.0.1:${gwPort}`;
  const gateway = new ServiceProcess(
    'gateway',
    { ...common, GATEWAY_PORT: String(gwPort), API_KEYS: `soak:*:${hashApiKey(KEY)}:100000000,limited:cry-detection:${hashApiKey(LIMITED_KEY)}:${LIMITED_PER_MINUTE}` },
    `${base}/health`,
  );
  services.unshift(gateway);

  const outcomes: Outcome[] = [];
  const rss: Record<string, number[]> = {};
  const rssAt: number[] = [];
  let sampler: NodeJS.Timeout | undefined;
  const sample = async () => {
    for (const s of services) if (s.pid) (rss[s.name] ??= []).push(await rssMiB(s.pid).catch(() => -1));
    (rss.driver ??= []).push(Math.round(process.memoryUsage().rss / 1048576));
    rssAt.push(Date.now());
  };
  try {
    await Promise.all(services.map((s) => s.start(120_000)));
    // Warm-up (model sessions, connections) so the RSS start line is the steady state, not the boot.
    for (let i = 0; i < 20; i++) {
      const kind = (['cry', 'transcription', 'understand'] as const)[i % 3];
      const { path, init } = buildRequest(kind, i, m);
      await (await fetch(`${base}${path}`, init)).arrayBuffer();
    }
    await sample();
    sampler = setInterval(() => void sample(), SAMPLE_EVERY_MS);

    const t0 = Date.now();
    const deadline = t0 + MAX_SECONDS * 1000;
    let outstanding = 0;
    let late = 0;
    const inflight = new Set<Promise<void>>();
    for (let i = 0; i < REQUESTS && Date.now() < deadline; i++) {
      const due = t0 + (i * 1000) / RATE;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      else if (wait < -1000) late++;
      while (outstanding >= MAX_OUTSTANDING) await Promise.race(inflight);
      const kind = pick(i);
      const { path, init } = buildRequest(kind, i, m);
      outstanding++;
      const startedAt = Date.now();
      const p = (async () => {
        const t = performance.now();
        try {
          const res = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(180_000) });
          const text = await res.text();
          let code: string | undefined;
          if (res.status >= 400) code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
          outcomes.push({ kind, status: res.status, ms: performance.now() - t, startedAt, code });
        } catch {
          outcomes.push({ kind, status: 'network', ms: performance.now() - t, startedAt });
        } finally {
          outstanding--;
        }
      })();
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
      if (i % 500 === 0 && i > 0) log(`soak: ${i} sent, ${outcomes.length} answered, ${outstanding} outstanding, ${Math.round((Date.now() - t0) / 1000)} s`);
    }
    await Promise.all(inflight);
    const seconds = (Date.now() - t0) / 1000;
    clearInterval(sampler);
    await sample();
    const alive = services.map((s) => ({ name: s.name, alive: s.pid !== undefined && existsSync(`/proc/${s.pid}`) }));

    const byKind: Record<string, Record<string, number>> = {};
    const codes: Record<string, number> = {};
    let unexpected = 0;
    for (const o of outcomes) {
      (byKind[o.kind] ??= {})[o.status] = (byKind[o.kind][o.status] ?? 0) + 1;
      if (o.code) codes[o.code] = (codes[o.code] ?? 0) + 1;
      if (o.status === 'network' || !EXPECTED[o.kind].includes(o.status)) unexpected++;
    }
    const ok = outcomes.filter((o) => o.status === 200);
    const perMinute: Array<Record<string, number>> = [];
    for (let minute = 0; minute * 60_000 < seconds * 1000; minute++) {
      const inMinute = ok.filter((o) => Math.floor((o.startedAt - t0) / 60_000) === minute);
      const cry = inMinute.filter((o) => o.kind === 'cry').map((o) => o.ms);
      const tr = inMinute.filter((o) => o.kind !== 'cry' && o.kind !== 'limited').map((o) => o.ms);
      if (inMinute.length === 0) continue;
      // The last RSS sample taken in this minute, per process: the trend shows a leak where start/end may not.
      const last = rssAt.filter((t) => Math.floor((t - t0) / 60_000) <= minute).length - 1;
      const rssNow = Object.fromEntries(Object.entries(rss).map(([name, xs]) => [`rss_${name}_mib`, xs[Math.max(0, last)]]));
      perMinute.push({
        minute,
        ok: inMinute.length,
        cry_p50_ms: round(median(cry)),
        cry_p99_ms: round(percentile(cry, 99)),
        transcribe_p50_ms: round(median(tr)),
        transcribe_p99_ms: round(percentile(tr, 99)),
        ...rssNow,
      });
    }
    const rssSummary = Object.fromEntries(
      Object.entries(rss).map(([name, xs]) => [name, { start: xs[0], end: xs[xs.length - 1], max: Math.max(...xs), samples: xs.length }]),
    );
    for (const p of perMinute) log(`minute ${p.minute}: ${p.ok} ok, cry p50 ${p.cry_p50_ms} p99 ${p.cry_p99_ms} ms, transcribe p50 ${p.transcribe_p50_ms} p99 ${p.transcribe_p99_ms} ms`);
    log(`rss MiB (start → end, max): ${Object.entries(rssSummary).map(([n, r]) => `${n} ${r.start}→${r.end} (${r.max})`).join(', ')}`);
    const cryMs = ok.filter((o) => o.kind === 'cry').map((o) => o.ms);
    const trMs = ok.filter((o) => o.kind === 'transcription' || o.kind === 'understand').map((o) => o.ms);
    process.stdout.write(
      `${JSON.stringify({
        soak: 'earshot',
        requests: outcomes.length,
        target_rate_per_s: RATE,
        achieved_rate_per_s: round(outcomes.length / seconds, 1),
        duration_s: round(seconds, 1),
        late_sends: late,
        unexpected,
        processes_alive: alive.every((a) => a.alive),
        statuses: byKind,
        error_codes: codes,
        cry_p50_ms: round(median(cryMs)),
        cry_p99_ms: round(percentile(cryMs, 99)),
        transcribe_p50_ms: round(median(trMs)),
        transcribe_p99_ms: round(percentile(trMs, 99)),
        rss_mib: rssSummary,
        per_minute: perMinute,
      })}\n`,
    );
    if (unexpected > 0 || !alive.every((a) => a.alive)) process.exitCode = 1;
  } finally {
    if (sampler) clearInterval(sampler);
    await Promise.all(services.map((s) => s.stop()));
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`soak failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
