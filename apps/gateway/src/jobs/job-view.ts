import { ErrorEnvelope, RichTranscript, TranscribeJobData } from '@earshot/contracts';
import { decodeFailure, JobSnapshot } from '@earshot/platform';
import { progressOf } from './job-progress';

export type PublicJobStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

/** What GET /v1/jobs/:id answers. */
export interface JobView {
  id: string;
  object: 'transcription.job';
  status: PublicJobStatus;
  /** 0..1 */
  progress: number;
  /** Unix seconds. */
  created_at: number;
  finished_at: number | null;
  attempts: number;
  result?: RichTranscript;
  error?: ErrorEnvelope['error'];
}

export function publicStatus(snap: Pick<JobSnapshot, 'state' | 'failedReason'>): PublicJobStatus {
  switch (snap.state) {
    case 'active':
      return 'running';
    case 'completed':
      return 'completed';
    case 'failed':
      return snap.failedReason?.startsWith('CANCELLED:') ? 'cancelled' : 'failed';
    default:
      // waiting, prioritized, delayed (a retry's backoff), waiting-children, unknown
      return 'queued';
  }
}

export function jobView(snap: JobSnapshot<TranscribeJobData, RichTranscript>): JobView {
  const status = publicStatus(snap);
  const view: JobView = {
    id: snap.id,
    object: 'transcription.job',
    status,
    progress: progressOf(snap.progress, snap.state),
    created_at: Math.floor(snap.createdAt / 1000),
    finished_at: snap.finishedAt ? Math.floor(snap.finishedAt / 1000) : null,
    attempts: snap.attemptsMade,
  };
  if (status === 'completed') view.result = snap.result;
  if (status === 'failed' || status === 'cancelled') view.error = decodeFailure(snap.failedReason).toEnvelope().error;
  return view;
}
