import * as ort from 'onnxruntime-node';
import { EarshotError } from '@earshot/contracts';

export interface OnnxSessionOptions {
  /** Threads for one run; one per worker process and more processes is the measured sweet spot. */
  intraOpThreads?: number;
  /** Runs allowed in flight on this session at once; the rest wait in order. */
  maxInFlight?: number;
}

export type Feeds = Record<string, ort.Tensor>;
export type Outputs = Record<string, ort.Tensor>;

/**
 * The one place that touches onnxruntime-node: loads a session with graph optimisation on and runs it with
 * a bounded number of runs in flight, so concurrent jobs share one session without oversubscribing cores.
 */
export class OnnxSession {
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];

  private constructor(
    readonly path: string,
    private readonly session: ort.InferenceSession,
    private readonly maxInFlight: number,
  ) {}

  static async load(path: string, opts: OnnxSessionOptions = {}): Promise<OnnxSession> {
    try {
      const session = await ort.InferenceSession.create(path, {
        graphOptimizationLevel: 'all',
        intraOpNumThreads: opts.intraOpThreads ?? 1,
        interOpNumThreads: 1,
        executionMode: 'sequential',
      });
      return new OnnxSession(path, session, Math.max(1, opts.maxInFlight ?? 1));
    } catch (err) {
      throw new EarshotError('MODEL_INVALID', `Cannot load ONNX model ${path}: ${(err as Error).message}`, null, err);
    }
  }

  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }

  get outputNames(): readonly string[] {
    return this.session.outputNames;
  }

  /**
   * `outputs`: pre-allocated output tensors the runtime writes into (no allocation per run, and results stay
   * typed arrays of this realm, which jest's sandbox needs: native-allocated outputs fail its instanceof checks).
   */
  async run(feeds: Feeds, outputs?: Outputs): Promise<Outputs> {
    await this.acquire();
    try {
      return (await (outputs ? this.session.run(feeds, outputs) : this.session.run(feeds))) as Outputs;
    } catch (err) {
      throw new EarshotError('INFERENCE_FAILED', `Model run failed: ${(err as Error).message}`, null, err);
    } finally {
      this.release();
    }
  }

  async close(): Promise<void> {
    await this.session.release();
  }

  private acquire(): Promise<void> {
    if (this.inFlight < this.maxInFlight) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight--;
  }
}

export { ort };
