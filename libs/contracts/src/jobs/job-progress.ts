/**
 * Progress of a transcription, as the ASR worker reports it (`job.updateProgress`), the gateway relays it
 * (`GET /v1/jobs/:id` → `progress`) and the CLI draws it. Seconds of audio, not of work: segmentation comes first
 * (`stage: 'segmenting'`, `done_sec` 0), then `done_sec` grows by each decoded batch of speech segments up to
 * `total_sec`, the speech the segmenter found (silence is never transcribed, so it is not counted).
 */
export interface JobProgress {
  stage: 'segmenting' | 'transcribing' | 'done';
  /** Seconds of speech transcribed so far. */
  done_sec: number;
  /** Seconds of speech to transcribe; 0 while segmenting. */
  total_sec: number;
}

/** The ASR worker reports at most this often (each report is a Redis write and an event to every listener). */
export const PROGRESS_MIN_INTERVAL_MS = 500;

/** 0…1 for a progress bar; 0 while segmenting, 1 when done (also for audio without speech). */
export function progressFraction(p: JobProgress): number {
  if (p.stage === 'done') return 1;
  return p.total_sec > 0 ? Math.min(1, p.done_sec / p.total_sec) : 0;
}

/** Narrows whatever a queue reports as progress (a number or an object) to a JobProgress. */
export function isJobProgress(v: unknown): v is JobProgress {
  const p = v as JobProgress;
  return (
    typeof p === 'object' &&
    p !== null &&
    (p.stage === 'segmenting' || p.stage === 'transcribing' || p.stage === 'done') &&
    typeof p.done_sec === 'number' &&
    typeof p.total_sec === 'number'
  );
}
