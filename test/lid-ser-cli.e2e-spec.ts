import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CliRun, runCli } from './support/cli';
import { wav16 } from './support/wav';

jest.setTimeout(120_000);

const REPO = resolve(__dirname, '..');
const SHARED = process.env.EARSHOT_SHARED_DATA ?? resolve(REPO, '..', 'shared', 'data');
const EN = join(SHARED, 'audio/ravdess/wav/Actor_18/03-01-05-01-01-01-18.flac');
const KO = join(SHARED, 'audio/korean_emotiontts/wav/nen/nen00301.flac');
const dir = mkdtempSync(join(tmpdir(), 'lidser-cli-'));


/** `earshot classify` through the real CLI, against the shipped models. */
function classify(...args: string[]): Promise<CliRun> {
  process.env.MODELS_DIR = join(REPO, 'models');
  return runCli('classify', ...args);
}

describe('earshot classify --task lid|ser (held-out VAL speakers)', () => {
  const silent = join(dir, 'silent.wav');
  beforeAll(() => writeFileSync(silent, wav16(new Float32Array(16000))));

  it('--task lid --json: one {"file","label","scores"} line per file, in order, every label scored', async () => {
    const r = await classify('--task', 'lid', EN, KO, silent, '--json');
    expect(r.code).toBe(0);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual([EN, KO, silent]);
    expect(lines.map((l) => l.label)).toEqual(['en', 'ko', 'silence']);
    for (const l of lines) expect(Object.keys(l).sort()).toEqual(['file', 'label', 'scores']);
    expect(lines[0].scores.en + lines[0].scores.ko).toBeCloseTo(1, 3);
    expect(lines[2].scores).toEqual({ en: 0, ko: 0 });
  });

  it('--task ser --json scores the four emotions', async () => {
    const r = await classify('--task', 'ser', EN, '--json');
    expect(r.code).toBe(0);
    const line = JSON.parse(r.out.trim());
    expect(Object.keys(line.scores).sort()).toEqual(['angry', 'happy', 'neutral', 'sad']);
    expect(line.scores[line.label]).toBe(Math.max(...(Object.values(line.scores) as number[])));
  });

  it('keeps going past a bad file, reports it on its own line and exits 1', async () => {
    const bogus = join(dir, 'bogus.wav');
    writeFileSync(bogus, 'not audio at all');
    const r = await classify('--task', 'lid', bogus, EN, join(dir, 'missing.flac'), '--json');
    expect(r.code).toBe(1);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0].error.code).toMatch(/^AUDIO_/);
    expect(lines[1].label).toBe('en');
    expect(lines[2].error.code).toBe('NOT_FOUND');
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('rejects an unknown task as a usage error', async () => {
    const r = await classify('--task', 'xx', EN);
    expect(r.code).toBe(2);
  });
});
