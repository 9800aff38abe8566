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

  it('maps ASR progress (seconds of speech) into the job’s share', () => {
    expect(jobFractionFromAsr({ stage: 'segmenting', done_sec: 0, total_sec: 0 })).toBeCloseTo(0.1);
    expect(jobFractionFromAsr({ stage: 'transcribing', done_sec: 5, total_sec: 20 })).toBeCloseTo(0.3125);
    expect(jobFractionFromAsr({ stage: 'done', done_sec: 20, total_sec: 20 })).toBeCloseTo(0.95);
    expect(progressOf({ any: 1 }, 'active')).toBe(0);
    expect(progressOf(0.4, 'completed')).toBe(1);
  });
});
