import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAudioDecoder } from '@earshot/audio';
import { ClassifierModel } from '@earshot/inference';
import { CliRun, runCli } from './support/cli';
import { wav16 as wav } from './support/wav';

// Real shipped model, real clips from the VAL split of scripts/train/aed/split.csv (never seen in training).
jest.setTimeout(120_000); // a busy 2-core box: model load + ffmpeg decode per command

const REPO = join(__dirname, '..');
const DATA = process.env.EARSHOT_SHARED_DATA ?? join(REPO, '..', 'shared', 'data');
const HAVE_DATA = existsSync(join(DATA, 'manifests', 'events.csv'));
const describeData = HAVE_DATA ? describe : describe.skip;

interface SplitRow {
  path: string;
  event: string;
  label: string;
  dataset: string;
  split: string;
}

function valRows(): SplitRow[] {
  const lines = readFileSync(join(REPO, 'scripts', 'train', 'aed', 'split.csv'), 'utf8')
    .split(/\r?\n/)
    .filter(Boolean);
  const head = lines[0].split(',');
  return lines
    .slice(1)
    .map((l) => Object.fromEntries(l.split(',').map((v, i) => [head[i], v])) as unknown as SplitRow)
    .filter((r) => r.split === 'val');
}

/** The first val clip (split.csv order) matching a predicate: a fixed rule, not a hand-picked clip. */
function firstVal(pred: (r: SplitRow) => boolean, nth = 0): string {
  const r = valRows().filter(pred)[nth];
  if (!r) throw new Error('no such val clip');
  return join(DATA, r.path);
}

function run(args: string[]): Promise<CliRun> {
  return runCli(...args);
}

function lines(out: string): Array<Record<string, unknown>> {
  return out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}


let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'earshot-aed-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describeData('earshot detect-cry (shipped aed-events model, val clips)', () => {
  const cries = () => [
    firstVal((r) => r.event === 'Cry' && r.dataset === 'donateacry'),
    firstVal((r) => r.event === 'Cry' && r.dataset === 'donateacry', 1),
  ];
  const nonCries = () => [
    firstVal((r) => r.label === 'dog'),
    firstVal((r) => r.dataset === 'ravdess'),
    firstVal((r) => r.event === 'BGM'),
  ];

  it('detects val cry clips, one JSON line per file with the stable shape', async () => {
    const files = cries();
    const r = await run(['detect-cry', ...files, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = lines(r.out);
    expect(out.map((o) => o.file)).toEqual(files);
    for (const o of out) {
      expect(Object.keys(o)).toEqual(['file', 'crying', 'score']);
      expect(o.crying).toBe(true);
      expect(o.score).toBeGreaterThan(0);
      expect(o.score).toBeLessThanOrEqual(1);
    }
  });

  it('detects most of the full-band ESC-50 val cries (8 clips, 3 recordings: see the model card)', async () => {
    const esc = valRows()
      .filter((r) => r.event === 'Cry' && r.dataset === 'esc50')
      .map((r) => join(DATA, r.path));
    expect(esc.length).toBeGreaterThanOrEqual(4);
    const r = await run(['detect-cry', ...esc, '--json']);
    expect(r.code).toBe(0);
    const hits = lines(r.out).filter((o) => o.crying === true).length;
    expect(hits / esc.length).toBeGreaterThanOrEqual(0.5);
  });

  it('does not fire on val dog, speech and music clips', async () => {
    const r = await run(['detect-cry', ...nonCries(), '--json']);
    expect(r.code).toBe(0);
    for (const o of lines(r.out)) expect(o).toMatchObject({ crying: false });
  });

  it('answers silence with crying=false and score 0 without calling the model', async () => {
    const silent = join(tmp, 'silence.wav');
    writeFileSync(silent, wav(new Float32Array(16000 * 2)));
    const spy = jest.spyOn(ClassifierModel.prototype, 'run');
    try {
      const r = await run(['detect-cry', silent, '--json']);
      expect(r.code).toBe(0);
      expect(lines(r.out)).toEqual([{ file: silent, crying: false, score: 0 }]);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps going past a bad file: an error line for it, results for the others, exit 1', async () => {
    const bad = join(tmp, 'text.wav');
    writeFileSync(bad, 'this is not audio at all, just text pretending to be a wav file\n');
    const good = cries()[0];
    const r = await run(['detect-cry', bad, join(tmp, 'missing.flac'), good, '--json']);
    expect(r.code).toBe(1);
    const out = lines(r.out);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({
      file: bad,
      error: { code: expect.stringMatching(/^AUDIO_/), message: expect.any(String) },
    });
    expect(out[1]).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(out[2]).toMatchObject({ file: good, crying: true });
    expect(r.err.trim().split('\n')).toHaveLength(1); // the closing summary, no stack trace
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('places a cry segment on the timeline of long audio (sliding windows)', async () => {
    const dec = createAudioDecoder();
    const cry = (await dec.decodeFile(cries()[0])).samples;
    const dog = (await dec.decodeFile(nonCries()[0])).samples;
    // 4 s of silence, the cry, then the dog: about 14 s, several windows
    const x = new Float32Array(16000 * 4 + cry.length + dog.length);
    x.set(cry, 16000 * 4);
    x.set(dog, 16000 * 4 + cry.length);
    const file = join(tmp, 'long.wav');
    writeFileSync(file, wav(x));
    const r = await run(['detect-cry', file, '--json', '--segments']);
    expect(r.code).toBe(0);
    const [o] = lines(r.out) as Array<{
      crying: boolean;
      threshold: number;
      segments: Array<{ start: number; end: number; score: number }>;
    }>;
    expect(o.crying).toBe(true);
    expect(o.threshold).toBeGreaterThan(0);
    expect(o.segments.length).toBeGreaterThan(0);
    const cryEnd = 4 + cry.length / 16000;
    for (const s of o.segments) {
      expect(s.start).toBeGreaterThanOrEqual(3.5);
      expect(s.end).toBeLessThanOrEqual(cryEnd + 0.5);
      expect(s.end).toBeGreaterThan(s.start);
    }
  });
});

describeData('earshot classify --task aed', () => {
  it('prints {"file","label","scores"} per line with every label scored', async () => {
    const files = [
      firstVal((r) => r.event === 'Cry' && r.dataset === 'donateacry'),
      firstVal((r) => r.dataset === 'ravdess'),
    ];
    const r = await run(['classify', '--task', 'aed', ...files, '--json']);
    expect(r.code).toBe(0);
    const out = lines(r.out) as Array<{ file: string; label: string; scores: Record<string, number> }>;
    expect(out.map((o) => Object.keys(o))).toEqual([
      ['file', 'label', 'scores'],
      ['file', 'label', 'scores'],
    ]);
    expect(Object.keys(out[0].scores)).toEqual([
      'Cry',
      'Laughter',
      'Cough',
      'Sneeze',
      'Applause',
      'Breath',
      'BGM',
      'Speech',
      'other',
    ]);
    expect(out[0].label).toBe('Cry');
    expect(out[1].label).toBe('Speech');
  });

  it('labels silence "silence" and rejects an unknown task', async () => {
    const silent = join(tmp, 'quiet.wav');
    writeFileSync(silent, wav(new Float32Array(8000).fill(0.00001)));
    const r = await run(['classify', '--task', 'aed', silent, '--json']);
    expect(lines(r.out)[0]).toMatchObject({ label: 'silence' });
    const bad = await run(['classify', '--task', 'nope', silent, '--json']);
    expect(bad.code).toBe(2);
  });
});
