import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode16k, hasSharedData, joinWithSilence, manifest, silence } from './vad-clips.helper';
import { wav16 as wavBytes } from './support/wav';
import { CliRun, runCli } from './support/cli';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const FFMPEG: string = require('@ffmpeg-installer/ffmpeg').path;
const SPEECH = join(__dirname, 'fixtures', 'vad', 'two-phrases.wav');
const dir = mkdtempSync(join(tmpdir(), 'vad-cli-'));

interface VadJson {
  durationSec: number;
  segments: Array<{ start: number; end: number }>;
}

/** `earshot vad` through the real CLI, with its JSON parsed when it succeeded. */
async function vad(...args: string[]): Promise<CliRun & { json?: VadJson }> {
  const r = await runCli('vad', ...args);
  return { ...r, json: r.code === 0 ? (JSON.parse(r.out) as VadJson) : undefined };
}

jest.setTimeout(60_000);

describe('earshot vad', () => {
  it('prints one JSON line of the stable shape', async () => {
    const r = await vad(SPEECH);
    expect(r.code).toBe(0);
    expect(r.out.endsWith('\n')).toBe(true);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    expect(Object.keys(r.json!)).toEqual(['durationSec', 'segments']);
    expect(r.json!.durationSec).toBeCloseTo(6.707, 3);
    expect(r.json!.segments).toHaveLength(2);
    for (const s of r.json!.segments) {
      expect(Object.keys(s)).toEqual(['start', 'end']);
      expect(Math.round(s.start * 1000)).toBe(s.start * 1000);
      expect(s.end).toBeGreaterThan(s.start);
    }
  });

  it('reads compressed formats through ffmpeg with the same result', async () => {
    const flac = join(dir, 'two-phrases.flac');
    execFileSync(FFMPEG, ['-v', 'error', '-y', '-i', SPEECH, flac]);
    const [a, b] = [await vad(SPEECH), await vad(flac)];
    expect(b.code).toBe(0);
    expect(b.json).toEqual(a.json);
  });

  it('honours --threshold, --min-silence and --max-segment', async () => {
    expect((await vad(SPEECH, '--min-silence', '3')).json!.segments).toHaveLength(1);
    const capped = (await vad(SPEECH, '--max-segment', '1', '--pad', '0')).json!.segments;
    expect(capped.length).toBeGreaterThan(2);
    for (const s of capped) expect(s.end - s.start).toBeLessThanOrEqual(1);
    expect((await vad(SPEECH, '--threshold', '0.3')).json!.segments.length).toBeGreaterThanOrEqual(1);
  });

  it('prints no segments for silence', async () => {
    const f = join(dir, 'silence.wav');
    writeFileSync(f, wavBytes(silence(2)));
    expect((await vad(f)).json).toEqual({ durationSec: 2, segments: [] });
  });

  it('fails with one line and a non-zero exit on bad flags and bad files', async () => {
    const bad = await vad(SPEECH, '--threshold', '2');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^earshot: INVALID_ARGUMENT: .*threshold.*\n$/);
    const nan = await vad(SPEECH, '--max-segment', 'abc');
    expect(nan.code).toBe(2);
    expect(nan.out).toBe('');
    const over = await vad(SPEECH, '--max-segment', '45');
    expect(over.code).toBe(1);
    expect(over.err).toContain('maxSegmentSec');
    const missing = await vad(join(dir, 'nope.wav'));
    expect(missing.code).toBe(1);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
    const text = join(dir, 'text.wav');
    writeFileSync(text, 'this is not audio at all, just some text that pretends to be a wav file');
    const notAudio = await vad(text);
    expect(notAudio.code).toBe(1);
    expect(notAudio.err).toMatch(/^earshot: AUDIO_/);
    expect(notAudio.err).not.toMatch(/\n\s+at /);
  });

  (hasSharedData ? it : it.skip)(
    'splits over 40 s of unbroken real speech into segments of at most 30 s',
    async () => {
      // Korean sentences with 0.2 s gaps: far below min silence, so it is one long stretch of speech.
      const rows = manifest('ser.csv')
        .filter((r) => r.dataset === 'korean_emotiontts')
        .slice(0, 12);
      const f = join(dir, 'long.wav');
      writeFileSync(f, wavBytes(joinWithSilence(await Promise.all(rows.map((r) => decode16k(r.path))), 0.2)));
      const r = await vad(f);
      expect(r.code).toBe(0);
      expect(r.json!.durationSec).toBeGreaterThan(40);
      const segs = r.json!.segments;
      expect(segs.length).toBeGreaterThanOrEqual(3);
      for (const s of segs) expect(s.end - s.start).toBeLessThanOrEqual(30);
      for (let i = 1; i < segs.length; i++) expect(segs[i].start).toBeGreaterThanOrEqual(segs[i - 1].end);
      // Covered speech: the splits lose nothing of the stretch.
      const covered = segs.reduce((n, s) => n + s.end - s.start, 0);
      expect(covered).toBeGreaterThan(0.9 * (segs[segs.length - 1].end - segs[0].start));
    },
  );
});
