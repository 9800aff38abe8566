import { SegmentClassifyJobData, SegmentClassifyResult } from '@earshot/contracts';
import { AudioStore, JobContext, QueueDriver, QueueProcessor } from '@earshot/platform';
import { SegmentClassifierEngine } from './segment-classifier.engine';

/**
 * Worker of a per-segment classifier (LID, SER): PCM from the audio store, every label's score per segment back.
 * Takes jobs only once the engine's model is loaded and warm.
 */
export abstract class SegmentClassifyProcessor extends QueueProcessor<SegmentClassifyJobData, SegmentClassifyResult> {
  protected constructor(
    driver: QueueDriver,
    private readonly store: AudioStore,
    private readonly engine: SegmentClassifierEngine,
    settings: { queue: string; concurrency: number },
  ) {
    super(driver, settings.queue, settings.concurrency);
  }

  protected override async prepare(): Promise<void> {
    await this.engine.load();
  }

  handle(job: JobContext<SegmentClassifyJobData>): Promise<SegmentClassifyResult> {
    return this.engine.run(job.data, (ref, from, to) => this.store.get(ref, from, to));
  }
}
