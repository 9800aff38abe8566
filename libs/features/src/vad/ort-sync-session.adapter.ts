import { EarshotError } from '@earshot/contracts';
import { ort } from '@earshot/inference/onnx/onnx-session.adapter';

type Tensors = Record<string, ort.Tensor>;

const RUN_OPTIONS = Object.freeze({});

interface NativeSession {
  loadModel(path: string, options: object): void;
  readonly inputMetadata: Array<{ name: string }>;
  readonly outputMetadata: Array<{ name: string }>;
  run(feeds: Tensors, fetches: Record<string, null>, options: object): Tensors;
  dispose(): void;
}

interface NativeBinding {
  binding: { InferenceSession: new () => NativeSession };
  initOrt(): void;
}

function nativeBinding(): NativeBinding | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const b = require('onnxruntime-node/dist/binding') as Partial<NativeBinding>;
    return typeof b.initOrt === 'function' && typeof b.binding?.InferenceSession === 'function'
      ? (b as NativeBinding)
      : null;
  } catch {
    return null;
  }
}

/**
 * onnxruntime-node's native session run synchronously. The public `InferenceSession.run` defers every run with
 * `setImmediate`; for a model as small as Silero VAD (~0.1 ms per window) that hop was measured at up to 40 % of
 * the cost on a loaded machine (docs/vad.md). This uses the same native session the public API wraps
 * (`onnxruntime-node/dist/binding`, typed and shipped in the package); if a future version moves it, `tryLoad`
 * returns null and callers fall back to `OnnxSession`.
 */
export class OrtSyncSession {
  private readonly fetches: Record<string, null>;

  private constructor(
    private readonly native: NativeSession,
    readonly inputNames: readonly string[],
    readonly outputNames: readonly string[],
  ) {
    this.fetches = Object.fromEntries(outputNames.map((n) => [n, null]));
  }

  static tryLoad(path: string, opts: { intraOpThreads?: number } = {}): OrtSyncSession | null {
    const b = nativeBinding();
    if (!b) return null;
    try {
      b.initOrt();
      const native = new b.binding.InferenceSession();
      native.loadModel(path, {
        graphOptimizationLevel: 'all',
        intraOpNumThreads: opts.intraOpThreads ?? 1,
        interOpNumThreads: 1,
        executionMode: 'sequential',
      });
      return new OrtSyncSession(
        native,
        native.inputMetadata.map((m) => m.name),
        native.outputMetadata.map((m) => m.name),
      );
    } catch (err) {
      throw new EarshotError(
        'MODEL_INVALID',
        `Cannot load ONNX model ${path}: ${(err as Error).message}`,
        null,
        err,
      );
    }
  }

  /** Blocks the event loop for one run: callers batch a few and yield in between. */
  run(feeds: Tensors): Tensors {
    try {
      return this.native.run(feeds, this.fetches, RUN_OPTIONS);
    } catch (err) {
      throw new EarshotError('INFERENCE_FAILED', `Model run failed: ${(err as Error).message}`, null, err);
    }
  }

  close(): void {
    this.native.dispose();
  }
}
