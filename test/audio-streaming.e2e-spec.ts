import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EarshotError } from '@earshot/contracts';
import { FfmpegAdapter, createAudioDecoder, resolveFfmpegPaths } from '@earshot/audio';

// Long inputs are generated here (not committed): a 10-minute 8 kbps MP3 (~600 kB) and a 5-minute 6-channel
// 16 kHz WAV (57.6 MB). Their 16 kHz mono PCM is 38.4 MB and 19.2 MB.
const paths = resolveFfmpegPaths();
const dir = mkdtempSync(join(tmpdir(), 'earshot-audio-e2e-'));
const MP3 = join(dir, 'long.mp3');
const WAV6 = join(dir, 'six.wav');

beforeAll(() => {
  const ff = (args: string[]) =>
    execFileSync(paths.ffmpegPath, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  ff([
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=8000:duration=600',
    '-ac',
    '1',
    '-c:a',
    'libmp3lame',
    '-b:a',
    '8k',
    MP3,
  ]);
  ff([
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=16000:duration=300',
    '-ac',
    '6',
    '-c:a',
    'pcm_s16le',
    WAV6,
  ]);
}, 120000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs `fn` while sampling memory every 5 ms; returns its result and the peak growth of ArrayBuffer memory (exact
 * and independent of what the process freed earlier, unlike RSS) and of RSS.
 */
async function peakGrowth<T>(fn: () => Promise<T>): Promise<{ result: T; buffers: number; rss: number }> {
  const start = process.memoryUsage();
  let peakBuf = start.arrayBuffers;
  let peakRss = start.rss;
  const sample = () => {
    const m = process.memoryUsage();
    peakBuf = Math.max(peakBuf, m.arrayBuffers);
    peakRss = Math.max(peakRss, m.rss);
  };
  const timer = setInterval(sample, 5);
  try {
    const result = await fn();
    sample();
    return { result, buffers: peakBuf - start.arrayBuffers, rss: peakRss - start.rss };
  } finally {
    clearInterval(timer);
  }
}

function ffmpegChildren(): string[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => /ffmpeg|ffprobe/.test(l));
  } catch {
    return []; // ps exits 1 when there are no children
  }
}

describe('streaming decode: memory is the PCM plus a bounded buffer', () => {
  const decoder = createAudioDecoder();

  // The TS path first: it allocates its output at once, so its figures are not blurred by the MP3 run's garbage.
  it('57.6 MB 6-channel WAV through the TS path: the file is never held in memory', async () => {
    const { result, buffers, rss } = await peakGrowth(() => decoder.decodeFile(WAV6));
    const pcmBytes = result.samples.byteLength;
    expect(result.source).toMatchObject({ format: 'wav', channels: 6, sampleRate: 16000 });
    expect(result.samples.length).toBe(300 * 16000);
    // Output plus one 1 MiB read buffer; holding the 57.6 MB file as well would add three times the PCM.
    expect(buffers).toBeLessThan(pcmBytes + 4 * 1024 * 1024);
    expect(rss).toBeLessThan(2 * pcmBytes);
    process.stdout.write(
      `wav 6ch 5 min: PCM ${mb(pcmBytes)}, peak ArrayBuffer growth ${mb(buffers)}, peak RSS growth ${mb(rss)}\n`,
    );
  }, 120000);

  it('10-minute MP3 through ffmpeg: peak growth at most 2x the PCM', async () => {
    const { result, buffers, rss } = await peakGrowth(() => decoder.decodeFile(MP3));
    const pcmBytes = result.samples.byteLength;
    expect(result.samples.length).toBeGreaterThan(599 * 16000);
    // stdout chunks are garbage once copied but live until the next GC; they are what lies above 1x.
    expect(buffers).toBeLessThan(2 * pcmBytes);
    expect(rss).toBeLessThan(2 * pcmBytes);
    process.stdout.write(
      `mp3 10 min: PCM ${mb(pcmBytes)}, peak ArrayBuffer growth ${mb(buffers)}, peak RSS growth ${mb(rss)}\n`,
    );
  }, 120000);
});

const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;

describe('ffmpeg is killed on abort, timeout and limit breach; no process outlives the call', () => {
  const decoder = createAudioDecoder();

  it('an AbortSignal rejects with its reason and kills ffmpeg', async () => {
    const ac = new AbortController();
    const p = decoder.decodeFile(MP3, { signal: ac.signal });
    setTimeout(() => ac.abort(new EarshotError('TIMEOUT', 'client went away')), 150);
    await expect(p).rejects.toMatchObject({ code: 'TIMEOUT', message: 'client went away' });
    expect(ffmpegChildren()).toEqual([]);
  }, 60000);

  it('timeoutMs rejects with TIMEOUT and kills ffmpeg', async () => {
    await expect(decoder.decodeFile(MP3, { timeoutMs: 1 })).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(ffmpegChildren()).toEqual([]);
  }, 60000);

  it('a stream longer than allowed is cut at the limit: ffmpeg killed, typed error', async () => {
    const adapter = new FfmpegAdapter(paths);
    const tooLong = new EarshotError('AUDIO_TOO_LONG', 'over the limit', 'file');
    await expect(
      adapter.decode(MP3, {
        looksLikeAudio: true,
        expectedSamples: 16000,
        maxSamples: 5 * 16000,
        channels: 1,
        onTooMany: () => tooLong,
      }),
    ).rejects.toBe(tooLong);
    expect(ffmpegChildren()).toEqual([]);
  }, 60000);

  it('an already-aborted signal fails before spawning anything', async () => {
    await expect(decoder.decodeFile(MP3, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
  });
});
