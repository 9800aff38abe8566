import { SpeechSegmenter } from './speech-segmenter';
import { resolveVadOptions, toSampleParams } from './vad-options';
import { VadOptions, VadSegment, VAD_WINDOW as W } from './vad.types';

/** Runs a probability per window through a segmenter and flushes at `total` samples (default: all windows). */
function run(probs: ArrayLike<number>, opts: Partial<VadOptions> = {}, total = probs.length * W) {
  const seg = new SpeechSegmenter(toSampleParams(resolveVadOptions(opts)));
  const out: VadSegment[] = [];
  const emittedAt: number[] = [];
  for (let i = 0; i < probs.length; i++) {
    const before = out.length;
    seg.push(probs[i], out);
    if (out.length > before) emittedAt.push(i);
  }
  seg.flush(total, out);
  return { out, emittedAt, spans: out.map((s) => [s.startSample, s.endSample]) };
}

/** `n` windows of probability `p`. */
const rep = (p: number, n: number) => new Array<number>(n).fill(p);

describe('SpeechSegmenter', () => {
  it('finds nothing in silence', () => {
    expect(run(rep(0.01, 200)).out).toEqual([]);
  });

  it('pads a speech run and emits it once min-silence has passed', () => {
    const probs = [...rep(0, 10), ...rep(0.9, 30), ...rep(0, 40)];
    const { out, emittedAt } = run(probs);
    expect(out).toEqual([
      {
        startSample: 10 * W - 480,
        endSample: 40 * W + 480,
        start: (10 * W - 480) / 16000,
        end: (40 * W + 480) / 16000,
      },
    ]);
    // The first silent window is 40; 8000 samples of silence later is window 40 + ceil(8000 / 512) = 56.
    expect(emittedAt).toEqual([56]);
  });

  it('drops runs not longer than min speech', () => {
    expect(run([...rep(0, 10), ...rep(0.9, 7), ...rep(0, 40)]).out).toEqual([]); // 3584 samples < 4000
    expect(run([...rep(0, 10), ...rep(0.9, 8), ...rep(0, 40)]).out).toHaveLength(1); // 4096 > 4000
  });

  it('keeps speech open between the two thresholds and across pauses shorter than min silence', () => {
    const probs = [
      ...rep(0, 4),
      ...rep(0.9, 20),
      ...rep(0.4, 30),
      ...rep(0.9, 10),
      ...rep(0.1, 10),
      ...rep(0.9, 10),
      ...rep(0, 40),
    ];
    expect(run(probs).spans).toEqual([[4 * W - 480, 84 * W + 480]]);
  });

  it('splits at a pause of min silence into two segments', () => {
    // Silence is confirmed by a window starting ≥ 8000 samples after the first silent one: 17 windows.
    const probs = [...rep(0, 4), ...rep(0.9, 20), ...rep(0.1, 17), ...rep(0.9, 20), ...rep(0, 40)];
    expect(run(probs).spans).toEqual([
      [4 * W - 480, 24 * W + 480],
      [41 * W - 480, 61 * W + 480],
    ]);
    const shorter = [...rep(0, 4), ...rep(0.9, 20), ...rep(0.1, 16), ...rep(0.9, 20), ...rep(0, 40)];
    expect(run(shorter).spans).toHaveLength(1);
  });

  it('never lets padding overlap: end padding is at most half the silence, start padding stops at the last end', () => {
    // pad 0.4 s = 6400 samples, min silence 0.5 s: the 17-window gap (8704 samples) is shared, not padded twice.
    const probs = [...rep(0, 20), ...rep(0.9, 20), ...rep(0, 17), ...rep(0.9, 20), ...rep(0, 40)];
    const { spans } = run(probs, { speechPadSec: 0.4 });
    expect(spans).toHaveLength(2);
    expect(spans[0][0]).toBe(20 * W - 6400);
    expect(spans[0][1]).toBe(40 * W + 4096);
    expect(spans[1][0]).toBe(spans[0][1]);
  });

  it('flush closes open speech at the end of the input, or where its silence began', () => {
    expect(run([...rep(0, 10), ...rep(0.9, 30)]).spans).toEqual([[10 * W - 480, 40 * W]]);
    expect(run([...rep(0, 10), ...rep(0.9, 30), ...rep(0, 5)]).spans).toEqual([[10 * W - 480, 40 * W + 480]]);
    // A zero-padded partial last window never stretches a segment past the real input.
    expect(run([...rep(0, 10), ...rep(0.9, 30)], {}, 39 * W + 100).spans).toEqual([
      [10 * W - 480, 39 * W + 100],
    ]);
  });

  it('cuts long speech at its lowest-probability window in the second half, never past the cap', () => {
    const probs = rep(0.95, 200);
    probs[60] = 0.55; // first half of a 5 s (156-window) cap: ignored
    probs[120] = 0.52; // the lowest in the second half: the cut goes through the middle of this window
    const { spans } = run(probs, { maxSegmentSec: 5, speechPadSec: 0 });
    expect(spans[0]).toEqual([0, 120 * W + W / 2]);
    expect(spans[1][0]).toBe(spans[0][1]);
    expect(spans[spans.length - 1][1]).toBe(200 * W);
    for (const [s, e] of spans) expect(e - s).toBeLessThanOrEqual(5 * 16000);
  });

  it('ends at the silence that had begun when the cap is reached', () => {
    const probs = [...rep(0.9, 150), ...rep(0.2, 20), ...rep(0.9, 5)];
    const { spans } = run(probs, { maxSegmentSec: 5, minSilenceSec: 1, speechPadSec: 0 });
    expect(spans[0]).toEqual([0, 150 * W]);
  });

  it('keeps its invariants on random probabilities and options (seeded)', () => {
    let seed = 42;
    const rand = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(rand() * 3000);
      // Runs of similar probability, like real audio.
      const probs: number[] = [];
      while (probs.length < n) probs.push(...rep(rand(), 1 + Math.floor(rand() * 60)));
      probs.length = n;
      const opts: Partial<VadOptions> = {
        threshold: 0.2 + rand() * 0.7,
        minSpeechSec: rand() * 0.5,
        minSilenceSec: rand() * 1,
        speechPadSec: rand() * 0.25,
        maxSegmentSec: 1 + rand() * 29,
      };
      const total = n * W - Math.floor(rand() * W);
      const { out } = run(probs, opts, total);
      let prevEnd = 0;
      for (const s of out) {
        expect(s.startSample).toBeGreaterThanOrEqual(prevEnd);
        expect(s.endSample).toBeGreaterThan(s.startSample);
        expect(s.endSample).toBeLessThanOrEqual(total);
        expect(s.endSample - s.startSample).toBeLessThanOrEqual(Math.floor(opts.maxSegmentSec! * 16000));
        prevEnd = s.endSample;
      }
    }
  });
});
