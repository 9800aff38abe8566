import { SileroVad } from '@earshot/features/vad';
import { AudioSegmenter, SampleRange } from './audio-segmenter';

/**
 * Speech segments from Silero VAD (libs/features), each ≤ `maxSegmentSec` (the VAD cuts long speech at its
 * least-speech-like window). Silence between segments is never sent to the model.
 */
export class VadSegmenter implements AudioSegmenter {
  private constructor(private readonly vad: SileroVad) {}

  static async load(opts: { maxSegmentSec?: number; intraOpThreads?: number } = {}): Promise<VadSegmenter> {
    return new VadSegmenter(await SileroVad.load({ maxSegmentSec: opts.maxSegmentSec ?? 20 }, { intraOpThreads: opts.intraOpThreads ?? 1 }));
  }

  async segment(samples: Float32Array): Promise<SampleRange[]> {
    const segs = await this.vad.detect(samples);
    return segs.map((s) => ({ start: s.startSample, end: s.endSample }));
  }

  close(): Promise<void> {
    return this.vad.close();
  }
}
