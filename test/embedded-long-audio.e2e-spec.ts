/** @jest-environment ./test/onnx-realm.environment.js */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { JobProgress } from '@earshot/contracts';
import { makeLongWav } from '../bench/support/long-audio';
import { createEmbeddedPipeline, EmbeddedPipeline } from '../apps/cli/src/embedded/embedded-pipeline';
import { sharedDataDir } from './support/shared-data';

// Long audio through the whole embedded pipeline (decode, VAD, ASR, ITN, LID, SER, AED, merge) with memory that does
// not grow with the duration beyond the 16 kHz float PCM itself. The full hour is measured by `npm run bench:long`.
jest.setTimeout(180_000);

const REPO = resolve(__dirname, '..');
const MINUTES = 10;
const MB = 2 ** 20;

describe(`embedded pipeline on ${MINUTES} minutes of audio`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'long-embedded-'));
  const file = join(dir, 'long.wav');
  let pipeline: EmbeddedPipeline | undefined;

  beforeAll(async () => {
    makeLongWav(file, MINUTES * 60, REPO, sharedDataDir());
    pipeline = await createEmbeddedPipeline({ env: { MODELS_DIR: join(REPO, 'models'), ASR_MODEL: 'digits-en-ctc' } });
    // warm every worker's first-run allocations before the baseline is read
    await pipeline.transcribe(join(REPO, 'samples/digits-en.wav'), { itn: true });
  });

  afterAll(async () => {
    await pipeline?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds the PCM and bounded working memory, reports progress, and transcribes to the end', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakBuffers = base.arrayBuffers;
    // RSS as it is every 20 ms; live array buffers (collected first: freed batches waiting for a GC are not held)
    // every 500 ms, since a full collection stops the pipeline
    let ticks = 0;
    const sample = setInterval(() => {
      if (++ticks % 25 === 0) {
        gc();
        peakBuffers = Math.max(peakBuffers, process.memoryUsage().arrayBuffers);
      }
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, 20);
    const progress: JobProgress[] = [];
    const t = await pipeline!
      .transcribe(file, { itn: true }, (p) => progress.push(p))
      .finally(() => clearInterval(sample));

    const seconds = MINUTES * 60;
    expect(t.duration).toBe(seconds);
    expect(t.missing).toEqual([]);
    expect(t.segments.length).toBeGreaterThan(MINUTES * 5);
    expect(t.segments[t.segments.length - 1].end).toBeGreaterThan(seconds - 60);
    expect(t.audio_events.length).toBeGreaterThan(0);

    // progress: segmenting, then growing speech seconds, then done; throttled, so a handful of reports, not thousands
    expect(progress[0].stage).toBe('segmenting');
    expect(progress[progress.length - 1]).toMatchObject({ stage: 'done' });
    // How many 'transcribing' reports come depends on the machine's speed (they are throttled by time): at least the
    // first, never decreasing.
    const done = progress.filter((p) => p.stage === 'transcribing').map((p) => p.done_sec);
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(done).toEqual([...done].sort((a, b) => a - b));

    // Structural bounds. The decoded PCM is held once (decoder output = stored audio = what every worker reads). Whole-
    // file features would add ≥ 18 MB here (80-dim fbank at 100 frames/s: 600 s x 100 x 80 x 4 B, more for LFR), and
    // grow with the duration; everything else must be per-segment or per-batch working memory.
    const pcmMb = (seconds * 16000 * 4) / MB;
    const buffersAbovePcm = (peakBuffers - base.arrayBuffers) / MB - pcmMb;
    const rssAbove = (peakRss - base.rss) / MB;
    process.stdout.write(
      `long-embedded: ${seconds} s in ${t.segments.length} segments; PCM ${pcmMb.toFixed(1)} MB; ` +
        `array buffers peak ${buffersAbovePcm.toFixed(1)} MB above the PCM; RSS peak +${rssAbove.toFixed(0)} MB\n`,
    );
    expect(buffersAbovePcm).toBeLessThan(12);
    // native (onnxruntime) memory is not in arrayBuffers: a model run over the whole file would show here
    expect(rssAbove).toBeLessThan(pcmMb + 96);
  });
});
