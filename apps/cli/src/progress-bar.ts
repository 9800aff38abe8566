import { SingleBar } from 'cli-progress';
import { JobProgress, progressFraction } from '@earshot/contracts';

export interface ProgressSink {
  update(p: JobProgress): void;
  stop(): void;
}

const NONE: ProgressSink = { update: () => undefined, stop: () => undefined };

/**
 * The transcription progress bar on stderr (stdout carries the transcript). `enabled` undefined means "when stderr
 * is a terminal"; off a terminal nothing is drawn unless asked for, so logs and pipes stay clean.
 */
export function transcriptionProgress(enabled: boolean | undefined, stream: NodeJS.WriteStream = process.stderr): ProgressSink {
  if (!(enabled ?? Boolean(stream.isTTY))) return NONE;
  const bar = new SingleBar({
    format: '  {stage} {bar} {percentage}% | {doneSec}/{totalSec} s of speech',
    stream,
    hideCursor: true,
    noTTYOutput: !stream.isTTY,
    notTTYSchedule: 2000,
  });
  let started = false;
  return {
    update(p) {
      const payload = { stage: p.stage.padEnd(12), doneSec: p.done_sec.toFixed(0), totalSec: p.total_sec.toFixed(0) };
      const value = Math.round(progressFraction(p) * 1000);
      if (!started) {
        bar.start(1000, value, payload);
        started = true;
      } else bar.update(value, payload);
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
