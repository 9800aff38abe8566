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
  const ff = (args: string[]) => execFileSync(paths.ffmpegPath, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  ff(['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=8000:duration=600', '-ac', '1', '-c:a', 'libmp3lame', '-b:a', '8k', MP3]);
  ff(['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=16000:duration=300', '-ac', '6', '-c:a', 'pcm_s16le', WAV6]);
}, 120000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `fn` while sampling RSS every 5 ms; returns its result and the peak RSS growth over the start. */
async function peakRssGrowth<T>(fn: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growth: peak - start };
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

  it('10-minute MP3 through ffmpeg: peak RSS growth at most 2x the PCM', async () => {
    const { result, growth } = await peakRssGrowth(() => decoder.decodeFile(MP3));
    const pcmBytes = result.samples.byteLength;
    expect(result.samples.length).toBeGreaterThan(599 * 16000);
    expect(pcmBytes).toBeGreaterThan(38e6);
    expect(growth).toBeLessThan(2 * pcmBytes);
    process.stdout.write(`mp3 10 min: PCM ${(pcmBytes / 1e6).toFixed(1)} MB, peak RSS growth ${(growth / 1e6).toFixed(1)} MB\n`);
  }, 120000);

  it('57.6 MB 6-channel WAV through the TS path: the file is never held, growth well under file + PCM', async () => {
    const { result, growth } = await peakRssGrowth(() => decoder.decodeFile(WAV6));
    const pcmBytes = result.samples.byteLength;
    expect(result.source).toMatchObject({ format: 'wav', channels: 6, sampleRate: 16000 });
    expect(result.samples.length).toBe(300 * 16000);
    // Holding the whole 57.6 MB file as well would put growth near 77 MB; reading in 1 MiB steps keeps it near 19 MB.
    expect(growth).toBeLessThan(2 * pcmBytes);
    process.stdout.write(`wav 6ch 5 min: PCM ${(pcmBytes / 1e6).toFixed(1)} MB, peak RSS growth ${(growth / 1e6).toFixed(1)} MB\n`);
  }, 120000);
});

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
      adapter.decode(MP3, { looksLikeAudio: true, expectedSamples: 16000, maxSamples: 5 * 16000, channels: 1, onTooMany: () => tooLong }),
    ).rejects.toBe(tooLong);
    expect(ffmpegChildren()).toEqual([]);
  }, 60000);

  it('an already-aborted signal fails before spawning anything', async () => {
    await expect(decoder.decodeFile(MP3, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'TIMEOUT' });
  });
});
