/**
 * `npm run bench:long`: `earshot transcribe` (embedded mode, every task, ITN on) on a long file, as a user runs it:
 * one child process per run under `/usr/bin/time -v`, which reports its peak RSS. The reference, measured in the same
 * run, is the same material cut to one minute: the difference in peak RSS is what an hour costs over a minute (the
 * 16 kHz float PCM is 230 MB an hour), the real-time factors say how the time scales. Files are made with sox from
 * samples/ and the shared recordings. BENCH_LONG_MINUTES (60), BENCH_LONG_RUNS (1), BENCH_RUNS (3, reference runs).
 * Ends with one JSON line.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RichTranscript } from '@earshot/contracts';
import { makeLongWav } from './support/long-audio';
import { median, REPO, round } from './support/service-process';

const MINUTES = Number(process.env.BENCH_LONG_MINUTES ?? 60);
const LONG_RUNS = Number(process.env.BENCH_LONG_RUNS ?? 1);
const REF_RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SHARED = process.env.EARSHOT_SHARED_DATA ?? resolve(REPO, '..', 'shared', 'data');
const TIME = '/usr/bin/time';

interface Run {
  wallSec: number;
  cpuSec: number;
  peakRssMb: number;
  segments: number;
  duration: number;
}

function transcribe(file: string): Promise<Run> {
  const args = ['-v', process.execPath, join(REPO, 'bin/earshot.js'), 'transcribe', file, '--itn', '--format', 'json', '--no-progress'];
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(TIME, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallSec = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return reject(new Error(`earshot transcribe exited ${code}: ${err.slice(-2000)}`));
      const field = (name: string) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(err)?.[1] ?? NaN);
      const t = JSON.parse(Buffer.concat(out).toString()) as RichTranscript;
      resolvePromise({
        wallSec,
        cpuSec: field('User time \\(seconds\\)') + field('System time \\(seconds\\)'),
        peakRssMb: field('Maximum resident set size \\(kbytes\\)') / 1024,
        segments: t.segments.length,
        duration: t.duration,
      });
    });
  });
}

async function measure(file: string, seconds: number, runs: number) {
  const rs: Run[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await transcribe(file);
    if (r.duration !== seconds) throw new Error(`transcript of ${file} lasts ${r.duration} s, not ${seconds} s`);
    rs.push(r);
    process.stdout.write(
      `  ${seconds} s: wall ${r.wallSec.toFixed(1)} s, cpu ${r.cpuSec.toFixed(1)} s, peak RSS ${r.peakRssMb.toFixed(0)} MB, ${r.segments} segments\n`,
    );
  }
  return {
    audio_sec: seconds,
    runs,
    peak_rss_mb: round(median(rs.map((r) => r.peakRssMb)), 0),
    wall_sec: round(median(rs.map((r) => r.wallSec)), 1),
    rtf: round(median(rs.map((r) => r.wallSec)) / seconds, 4),
    cpu_rtf: round(median(rs.map((r) => r.cpuSec)) / seconds, 4),
    segments: rs[0].segments,
  };
}

async function main(): Promise<void> {
  if (!existsSync(TIME)) throw new Error(`${TIME} is needed to read the child's peak RSS (apt-get install time)`);
  if (!existsSync(join(REPO, 'dist/apps/cli/src/main.js'))) throw new Error('not built: run npm run build');
  const dir = mkdtempSync(join(tmpdir(), 'bench-long-'));
  try {
    const shared = existsSync(SHARED) ? SHARED : undefined;
    const ref = join(dir, 'ref.wav');
    const long = join(dir, 'long.wav');
    makeLongWav(ref, 60, REPO, shared);
    makeLongWav(long, MINUTES * 60, REPO, shared);
    process.stdout.write(`reference: 1 minute, ${REF_RUNS} runs\n`);
    const reference = await measure(ref, 60, REF_RUNS);
    process.stdout.write(`long: ${MINUTES} minutes, ${LONG_RUNS} run(s)\n`);
    const result = await measure(long, MINUTES * 60, LONG_RUNS);
    const pcmMb = (MINUTES * 60 * 16000 * 4) / 2 ** 20;
    const growth = result.peak_rss_mb - reference.peak_rss_mb;
    process.stdout.write(
      `peak RSS ${result.peak_rss_mb} MB for ${MINUTES} min (1 min: ${reference.peak_rss_mb} MB; +${growth.toFixed(0)} MB ` +
        `for ${pcmMb.toFixed(0)} MB more PCM); RTF ${result.rtf} wall, ${result.cpu_rtf} CPU\n`,
    );
    process.stdout.write(
      `${JSON.stringify({
        bench: 'long',
        command: 'earshot transcribe <file> --itn --format json --no-progress',
        minutes: MINUTES,
        ...result,
        pcm_mb: round(pcmMb, 1),
        reference,
        rss_growth_over_reference_mb: round(growth, 0),
        rss_growth_per_pcm_mb: round(growth / (pcmMb - (60 * 16000 * 4) / 2 ** 20), 2),
      })}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:long failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
