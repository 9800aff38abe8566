import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Speech and sounds of the shared corpora mixed into long files; absent ones are skipped (samples/ always exist). */
const SHARED_CLIPS = [
  'audio/ravdess/wav/Actor_01/03-01-01-01-01-01-01.flac',
  'audio/ravdess/wav/Actor_01/03-01-01-01-01-02-01.flac',
  'audio/fsdd/george/0_george_0.flac',
  'audio/fsdd/george/0_george_1.flac',
  'audio/esc50/wav/crying_baby/3-152007-A.flac',
  'audio/esc50/wav/dog/1-100032-A.flac',
];

/**
 * A 16 kHz mono 16-bit WAV of exactly `seconds`, made with sox: the shipped samples and a few shared recordings, each
 * followed by a second of silence, then 10 s of silence, that block repeated and cut to length. Speech, events and
 * long pauses, as in a real hour of audio, without shipping an hour of audio.
 */
export function makeLongWav(dest: string, seconds: number, repo: string, sharedData?: string): void {
  const tmp = mkdtempSync(join(tmpdir(), 'long-audio-'));
  try {
    const sources = [
      ...readdirSync(join(repo, 'samples'))
        .filter((f) => f.endsWith('.wav'))
        .sort()
        .map((f) => join(repo, 'samples', f)),
      ...(sharedData ? SHARED_CLIPS.map((c) => join(sharedData, c)).filter((p) => existsSync(p)) : []),
    ];
    const parts = sources.map((src, i) => {
      const out = join(tmp, `part-${i}.wav`);
      execFileSync('sox', [src, '-r', '16000', '-c', '1', '-b', '16', out, 'pad', '0', '1'], { stdio: 'ignore' });
      return out;
    });
    const silence = join(tmp, 'silence.wav');
    execFileSync('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', silence, 'trim', '0', '10'], { stdio: 'ignore' });
    const block = join(tmp, 'block.wav');
    execFileSync('sox', [...parts, silence, block], { stdio: 'ignore' });
    const blockSec = Number(execFileSync('soxi', ['-D', block]).toString().trim());
    const repeats = Math.max(0, Math.ceil(seconds / blockSec) - 1);
    execFileSync('sox', [block, dest, 'repeat', String(repeats), 'trim', '0', String(seconds)], { stdio: 'ignore' });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
