import { join } from 'node:path';
import { statSync } from 'node:fs';
import { CliRun, runCli } from './support/cli';

const FIX = join(__dirname, 'fixtures', 'audio');

function probe(file: string): Promise<CliRun> {
  return runCli('probe', file);
}

describe('earshot probe', () => {
  it('prints one JSON line with the stable shape (ffprobe path)', async () => {
    const r = await probe(join(FIX, 'tone.opus.ogg'));
    expect(r.code).toBe(0);
    expect(r.out.endsWith('\n')).toBe(true);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['format', 'codec', 'durationSec', 'sampleRate', 'channels', 'bytes']);
    expect(j).toEqual({
      format: 'ogg',
      codec: 'opus',
      durationSec: expect.any(Number),
      sampleRate: 48000,
      channels: 2,
      bytes: statSync(join(FIX, 'tone.opus.ogg')).size,
    });
    expect(j.durationSec).toBeCloseTo(1, 1);
  });

  it('reads WAV from the header, with bitsPerSample', async () => {
    const r = await probe(join(FIX, 'tone.alaw.wav'));
    expect(JSON.parse(r.out)).toEqual({
      format: 'wav',
      codec: 'pcm_alaw',
      durationSec: 1,
      sampleRate: 8000,
      channels: 1,
      bitsPerSample: 8,
      bytes: expect.any(Number),
    });
  });

  it.each([
    ['text.wav', 'AUDIO_NOT_AUDIO'],
    ['empty.wav', 'AUDIO_EMPTY'],
    ['missing.mp3', 'NOT_FOUND'],
    ['truncated-header.flac', 'AUDIO_TRUNCATED'],
  ])('fails on %s with one line on stderr (%s) and exit 1', async (file, code) => {
    const r = await probe(join(FIX, file));
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(new RegExp(`^earshot: ${code}: [^\\n]+\\n$`));
  });
});
