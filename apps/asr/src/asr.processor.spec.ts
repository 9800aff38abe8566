import { JobProgress, PROGRESS_MIN_INTERVAL_MS } from '@earshot/contracts';
import { throttled } from './asr.processor';

describe('ASR job progress throttle', () => {
  afterEach(() => jest.useRealTimers());

  it('sends stage changes at once and at most one report per interval within a stage', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const sent: JobProgress[] = [];
    const report = throttled({ updateProgress: async (p) => void sent.push(p as unknown as JobProgress) });
    const at = (done: number, stage: JobProgress['stage'] = 'transcribing'): JobProgress => ({ stage, done_sec: done, total_sec: 60 });

    report(at(0, 'segmenting'));
    report(at(0));
    report(at(5));
    report(at(10));
    jest.advanceTimersByTime(PROGRESS_MIN_INTERVAL_MS);
    report(at(20));
    report(at(60, 'done'));
    expect(sent.map((p) => [p.stage, p.done_sec])).toEqual([
      ['segmenting', 0],
      ['transcribing', 0],
      ['transcribing', 20],
      ['done', 60],
    ]);
  });

  it('never lets a failed progress write reach the transcription', async () => {
    const report = throttled({ updateProgress: () => Promise.reject(new Error('redis down')) });
    expect(() => report({ stage: 'segmenting', done_sec: 0, total_sec: 1 })).not.toThrow();
    await new Promise((r) => setImmediate(r));
  });
});
