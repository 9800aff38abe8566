import { JobSnapshot } from '@earshot/platform';
import { jobFractionFromAsr, progressOf } from './job-progress';
import { jobView, publicStatus } from './job-view';

describe('job status for the jobs API', () => {
  it.each([
    ['waiting', undefined, 'queued'],
    ['prioritized', undefined, 'queued'],
    ['delayed', 'INTERNAL: retry', 'queued'],
    ['active', undefined, 'running'],
    ['completed', undefined, 'completed'],
    ['failed', 'AUDIO_NOT_AUDIO: not audio', 'failed'],
    ['failed', 'CANCELLED: The job was cancelled', 'cancelled'],
  ] as const)('%s (%s) is %s', (state, failedReason, status) => expect(publicStatus({ state, failedReason })).toBe(status));

  it('shows the error envelope fields of a failure and no result', () => {
    const snap = {
      id: 'transcribe-1',
      queue: 'q',
      name: 'transcribe',
      state: 'failed',
      data: { audio: { base64: '' } },
      failedReason: 'AUDIO_NOT_AUDIO: The bytes are not audio',
      progress: 0.1,
      attemptsMade: 1,
      createdAt: 1_700_000_000_123,
      finishedAt: 1_700_000_001_999,
    } as JobSnapshot;
    expect(jobView(snap as never)).toEqual({
      id: 'transcribe-1',
      object: 'transcription.job',
      status: 'failed',
      progress: 0.1,
      created_at: 1_700_000_000,
      finished_at: 1_700_000_001,
      attempts: 1,
      error: { message: 'The bytes are not audio', type: 'invalid_request_error', param: null, code: 'AUDIO_NOT_AUDIO' },
    });
  });

  it('maps ASR progress into the job’s share, whatever shape the worker reports', () => {
    expect(jobFractionFromAsr(0)).toBeCloseTo(0.1);
    expect(jobFractionFromAsr(1)).toBeCloseTo(0.95);
    expect(jobFractionFromAsr(50)).toBeCloseTo(0.525);
    expect(jobFractionFromAsr({ done: 1, total: 4 })).toBeCloseTo(0.3125);
    expect(jobFractionFromAsr({ fraction: 0.5 })).toBeCloseTo(0.525);
    expect(jobFractionFromAsr({ stage: 'x' })).toBeUndefined();
    expect(jobFractionFromAsr(Number.NaN)).toBeUndefined();
    expect(progressOf({ any: 1 }, 'active')).toBe(0);
    expect(progressOf(0.4, 'completed')).toBe(1);
  });
});
