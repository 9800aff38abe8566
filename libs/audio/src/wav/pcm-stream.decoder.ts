import { ByteSource, readFully } from '../io/byte-source';
import { Float32Collector } from '../decoder/float32-collector';
import { Resampler, ResamplerOptions } from '../resample/resampler';
import { aborted, audioError } from '../audio-errors';
import { TARGET_SAMPLE_RATE } from '../audio.types';
import { PcmLayout } from './wav-format';
import { pcmToMono } from './pcm-to-mono';

/** Bytes read per step: bounds the working memory besides the output PCM. */
const READ_BYTES = 1 << 20;

/**
 * Reads `frames` frames of PCM from `src` at `offset` in fixed-size steps, downmixes, resamples to 16 kHz and
 * collects into one preallocated array. Memory: the output plus one read buffer and the resampler's state.
 */
export async function decodePcmStream(
  src: ByteSource,
  layout: PcmLayout,
  offset: number,
  frames: number,
  opts: { signal?: AbortSignal; resampler?: ResamplerOptions } = {},
): Promise<Float32Array> {
  const framesPerRead = Math.max(1, Math.floor(READ_BYTES / layout.blockAlign));
  const raw = new Uint8Array(framesPerRead * layout.blockAlign);
  const mono = new Float32Array(framesPerRead);
  const outLen =
    layout.sampleRate === TARGET_SAMPLE_RATE
      ? frames
      : Resampler.outputLength(frames, layout.sampleRate, TARGET_SAMPLE_RATE);
  const sink = new Float32Collector(outLen);
  const resampler =
    layout.sampleRate === TARGET_SAMPLE_RATE
      ? null
      : new Resampler(layout.sampleRate, TARGET_SAMPLE_RATE, opts.resampler);
  let done = 0;
  while (done < frames) {
    if (opts.signal?.aborted) throw aborted(opts.signal);
    const want = Math.min(framesPerRead, frames - done);
    const bytes = want * layout.blockAlign;
    const got = await readFully(src, raw, offset + done * layout.blockAlign, bytes);
    if (got < bytes)
      throw audioError('AUDIO_TRUNCATED', 'The audio data ends before its header says it does');
    if (!pcmToMono(raw, want, layout, mono)) {
      throw audioError('AUDIO_BAD_SAMPLES', 'The audio holds NaN, infinite or out-of-range float samples');
    }
    const chunk = want === framesPerRead ? mono : mono.subarray(0, want);
    if (resampler) resampler.process(chunk, sink);
    else sink.push(chunk);
    done += want;
  }
  if (resampler) resampler.flush(sink);
  return sink.finish();
}
