import { JobProgress, progressFraction } from '@earshot/contracts';

/** Share of a batch job done once its audio is decoded and stored; the ASR job covers most of the rest. */
export const DECODED_PROGRESS = 0.1;
const ASR_SHARE = 0.85;

/** The ASR job's progress (seconds of speech transcribed) as the batch job's own fraction, never 1 before the end. */
export function jobFractionFromAsr(p: JobProgress): number {
  return DECODED_PROGRESS + ASR_SHARE * progressFraction(p);
}

/** A snapshot's progress as 0..1 for the jobs API (BullMQ stores whatever the processor reported). */
export function progressOf(p: unknown, state: string): number {
  if (state === 'completed') return 1;
  return typeof p === 'number' && Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0;
}
