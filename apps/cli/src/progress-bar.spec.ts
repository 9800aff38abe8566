import { PassThrough } from 'node:stream';
import { transcriptionProgress } from './progress-bar';

function stream(tty: boolean): { s: NodeJS.WriteStream; text: () => string } {
  const s = new PassThrough() as unknown as NodeJS.WriteStream;
  let out = '';
  (s as unknown as PassThrough).on('data', (b: Buffer) => (out += b.toString()));
  Object.assign(s, { isTTY: tty, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return { s, text: () => out };
}

describe('transcriptionProgress', () => {
  it('draws nothing off a terminal unless asked, and nothing when told not to', () => {
    for (const [enabled, tty] of [
      [undefined, false],
      [false, true],
    ] as const) {
      const { s, text } = stream(tty);
      const bar = transcriptionProgress(enabled, s);
      bar.update({ stage: 'transcribing', done_sec: 5, total_sec: 10 });
      bar.stop();
      expect(text()).toBe('');
    }
  });

  it('draws the stage, the fraction and the seconds of speech when forced on', () => {
    const { s, text } = stream(false);
    const bar = transcriptionProgress(true, s);
    bar.update({ stage: 'transcribing', done_sec: 5, total_sec: 10 });
    bar.update({ stage: 'done', done_sec: 10, total_sec: 10 });
    bar.stop();
    expect(text()).toMatch(/done\s+\S+ 100% \| 10\/10 s of speech/);
  });
});
