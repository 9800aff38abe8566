import { SileroVadModel, SileroVadModelOptions } from './silero-vad-model.adapter';
import { resolveVadOptions } from './vad-options';
import { VadStream } from './vad-stream';
import { VadOptions, VadSegment } from './vad.types';

/** Entry point: load the model once, then open a stream per input or call `detect` on whole PCM. */
export class SileroVad {
  private constructor(
    private readonly model: SileroVadModel,
    private readonly given: Partial<VadOptions>,
    readonly options: VadOptions,
  ) {}

  /** Rejects bad options (INVALID_ARGUMENT) before loading the model. */
  static async load(
    options: Partial<VadOptions> = {},
    model: SileroVadModelOptions = {},
  ): Promise<SileroVad> {
    const resolved = resolveVadOptions(options);
    return new SileroVad(await SileroVadModel.load(model), { ...options }, resolved);
  }

  /**
   * A stream with these defaults, optionally overridden per stream. Overrides merge with the options as given,
   * so a new threshold also moves a derived negative threshold.
   */
  createStream(overrides: Partial<VadOptions> = {}): VadStream {
    const opts = Object.keys(overrides).length
      ? resolveVadOptions({ ...this.given, ...overrides })
      : this.options;
    return new VadStream(this.model.createRunner(), opts);
  }

  /** Segments of a whole 16 kHz mono signal, read in place (no copy). */
  async detect(samples: Float32Array, overrides: Partial<VadOptions> = {}): Promise<VadSegment[]> {
    const stream = this.createStream(overrides);
    const segments = await stream.feedInPlace(samples);
    segments.push(...(await stream.flush()));
    return segments;
  }

  close(): Promise<void> {
    return this.model.close();
  }
}
