import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { encodeWav } from '@earshot/audio';

/** Shared helpers of the ASR e2e suites: generated 16 kHz WAV clips (sox, espeak-ng) and real corpus clips. */
export const REPO = resolve(__dirname, '..');
export const SHARED_DATA = process.env.EARSHOT_SHARED_DATA ?? resolve(REPO, '..', 'shared', 'data');
export const TINY_SHERPA = join(REPO, 'test/fixtures/models/tiny-sensevoice-sherpa');
export const TINY_FUNASR = join(REPO, 'test/fixtures/models/tiny-sensevoice-funasr');
export const DIGITS_MODEL = join(REPO, 'models/digits-en-ctc');

export interface Clip {
  name: string;
  path: string;
}

function sox(args: string[]): void {
  execFileSync('sox', args, { stdio: 'ignore' });
}

/** Writes a 16-bit mono 16 kHz WAV of exactly these samples (no dither, unlike sox). */
export function writeWav16(path: string, samples: Float32Array): void {
  writeFileSync(path, encodeWav([samples], { sampleRate: 16000, encoding: 's16' }));
}

/** Generated clips: silence, shorter than one frame, tones, noise, synthetic speech, and a 30 s clip. */
export function generatedClips(dir = mkdtempSync(join(tmpdir(), 'asr-clips-'))): Clip[] {
  const clips: Clip[] = [];
  const add = (name: string, make: (p: string) => void): void => {
    const path = join(dir, `${name}.wav`);
    make(path);
    clips.push({ name, path });
  };
  add('silence-1s', (p) => writeWav16(p, new Float32Array(16000)));
  add('shorter-than-a-frame', (p) => writeWav16(p, Float32Array.from({ length: 300 }, (_, i) => 0.3 * Math.sin(i / 5))));
  add('exactly-one-frame', (p) => writeWav16(p, Float32Array.from({ length: 400 }, (_, i) => 0.3 * Math.sin(i / 3))));
  add('tone-sweep', (p) => sox(['-n', '-r', '16000', '-b', '16', '-c', '1', p, 'synth', '2', 'sine', '200:3000', 'vol', '0.5']));
  add('pink-noise', (p) => sox(['-R', '-n', '-r', '16000', '-b', '16', '-c', '1', p, 'synth', '1.5', 'pinknoise', 'vol', '0.3']));
  const phrases = ['hello world', 'one two three four five', 'the quick brown fox jumps over the lazy dog', 'seven eight nine zero', 'good morning'];
  phrases.forEach((text, i) =>
    add(`espeak-${i}`, (p) => {
      const raw = `${p}.raw.wav`;
      execFileSync('espeak-ng', ['-w', raw, text], { stdio: 'ignore' });
      sox(['-R', raw, '-r', '16000', '-b', '16', '-c', '1', p]);
    }),
  );
  add('long-30s', (p) => {
    const parts: string[] = [];
    for (let i = 0; i < 4; i++) {
      const part = join(dir, `long-part-${i}.wav`);
      execFileSync('espeak-ng', ['-w', part, 'the numbers are one two three four five six seven eight nine and ten, then we rest'], {
        stdio: 'ignore',
      });
      parts.push(part);
    }
    const joined = join(dir, 'long-joined.wav');
    sox(['-R', ...parts, '-r', '16000', '-b', '16', '-c', '1', joined]);
    sox(['-R', joined, p, 'pad', '0', '30', 'trim', '0', '30']);
  });
  return clips;
}

/** Real recordings from the shared data dir, converted to 16 kHz WAV; empty when the data dir is absent. */
export function realClips(max: number, dir = mkdtempSync(join(tmpdir(), 'asr-real-'))): Clip[] {
  const picks: string[] = [];
  const take = (manifest: string, n: number, filter: (row: string[]) => boolean = () => true): void => {
    const file = join(SHARED_DATA, 'manifests', manifest);
    if (!existsSync(file)) return;
    const rows = readFileSync(file, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const chosen = rows.filter(filter);
    const step = Math.max(1, Math.floor(chosen.length / n));
    for (let i = 0; i < n && i * step < chosen.length; i++) picks.push(chosen[i * step][0]);
  };
  take('fsdd.csv', 5, (r) => r[5] === 'val');
  take('ser.csv', 3, (r) => r[3] === 'val');
  take('events.csv', 3);
  return picks.slice(0, max).flatMap((rel, i) => {
    const src = join(SHARED_DATA, rel);
    if (!existsSync(src)) return [];
    const path = join(dir, `real-${i}.wav`);
    sox(['-R', src, '-r', '16000', '-b', '16', '-c', '1', path, 'remix', '-']);
    return [{ name: rel, path }];
  });
}
