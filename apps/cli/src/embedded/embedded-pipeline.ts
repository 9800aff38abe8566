import { DynamicModule, INestApplicationContext, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AudioDecoder, DEFAULT_AUDIO_LIMITS } from '@earshot/audio';
import {
  AsrLanguage,
  JobProgress,
  MissingTask,
  OptionalTask,
  RichTranscript,
  UNDERSTAND_TASKS,
  UnderstandTask,
} from '@earshot/contracts';
import { Env, InMemoryQueueDriver, loadConfig, MemoryAudioStore, processEnv } from '@earshot/platform';
import { AedConfig } from '../../../aed/src/aed.config';
import { AedModule } from '../../../aed/src/aed.module';
import { AsrConfig } from '../../../asr/src/asr.config';
import { AsrModule } from '../../../asr/src/asr.module';
import { GatewayConfig } from '../../../gateway/src/gateway.config';
import { GatewayModule } from '../../../gateway/src/gateway.module';
import { TranscriptionService } from '../../../gateway/src/transcription/transcription.service';
import { ItnConfig } from '../../../itn/src/itn.config';
import { ItnModule } from '../../../itn/src/itn.module';
import { LidConfig } from '../../../lid/src/lid.config';
import { LidModule } from '../../../lid/src/lid.module';
import { SerConfig } from '../../../ser/src/ser.config';
import { SerModule } from '../../../ser/src/ser.module';

export interface EmbeddedPipelineOptions {
  /** Where the models are (default MODELS_DIR). */
  modelsDir?: string;
  /** Workers to start; a task left out (or whose model is missing) is reported in `missing` when asked for. */
  tasks?: readonly UnderstandTask[];
  /** ASR model directory name or path (default ASR_MODEL, else sensevoice-small if fetched, else digits-en-ctc). */
  asrModel?: string;
  /** onnxruntime intra-op threads per model (default ORT_INTRA_OP_THREADS). */
  threads?: number;
  /** Longest piece fed to the ASR model, seconds (default ASR_MAX_SEGMENT_SEC). */
  maxSegmentSec?: number;
  segmenter?: 'vad' | 'energy';
  /** The environment the services' configurations are read from (default the process environment). */
  env?: Env;
  /** Nest's logger: false (default) keeps stdout clean for the transcript. */
  logger?: LoggerService | LogLevel[] | false;
}

export interface EmbeddedTranscribeOptions {
  /** Analyses to run (asr is always run); default: every task this pipeline started. */
  tasks?: readonly UnderstandTask[];
  language?: AsrLanguage;
  itn?: boolean;
}

export interface EmbeddedPipeline {
  /** The tasks whose workers run in this process. */
  readonly tasks: readonly UnderstandTask[];
  /** Optional tasks asked for whose worker could not start (e.g. model missing), with the reason. */
  readonly unavailable: readonly MissingTask[];
  /** A file path (decoded streaming through ffmpeg or the WAV fast path) or the bytes of an audio file. */
  transcribe(
    input: string | Buffer,
    opts?: EmbeddedTranscribeOptions,
    onProgress?: (p: JobProgress) => void,
  ): Promise<RichTranscript>;
  close(): Promise<void>;
}

/** One process can transcribe for as long as it likes: no client waits on a socket, every worker is local. */
const EMBEDDED_TIMEOUT_MS = 24 * 3600 * 1000;

/**
 * Embedded mode: the gateway's TranscriptionService and MergeProcessor and the real ASR, ITN, LID, SER and AED workers,
 * each its own Nest application context as in the distributed deployment, sharing one InMemoryQueueDriver and one
 * MemoryAudioStore instead of Redis. The flow, the job options, the merge and the `missing` bookkeeping are the
 * distributed ones; only the transport differs.
 */
export async function createEmbeddedPipeline(opts: EmbeddedPipelineOptions = {}): Promise<EmbeddedPipeline> {
  const env: Record<string, string | undefined> = { ...(opts.env ?? processEnv()) };
  if (opts.modelsDir) env.MODELS_DIR = opts.modelsDir;
  if (opts.threads !== undefined) env.ORT_INTRA_OP_THREADS = String(opts.threads);
  const wanted = new Set<UnderstandTask>(['asr', ...(opts.tasks ?? UNDERSTAND_TASKS)]);
  const driver = new InMemoryQueueDriver();
  const store = new MemoryAudioStore();
  const contexts: INestApplicationContext[] = [];
  const boot = async (mod: DynamicModule) => {
    const ctx = await NestFactory.createApplicationContext(mod, { logger: opts.logger ?? false, abortOnError: false });
    contexts.push(ctx);
    return ctx;
  };
  const close = async () => {
    // workers first (each lets its running job finish), the gateway (which owns the driver's close) last
    for (const ctx of contexts.splice(0).reverse()) await ctx.close().catch(() => undefined);
    await driver.close();
  };

  const unavailable: MissingTask[] = [];
  const started: UnderstandTask[] = [];
  try {
    const asr = Object.assign(loadConfig(AsrConfig, env), {
      ...(opts.asrModel !== undefined ? { model: opts.asrModel } : {}),
      ...(opts.maxSegmentSec !== undefined ? { maxSegmentSec: opts.maxSegmentSec } : {}),
      ...(opts.segmenter !== undefined ? { segmenter: opts.segmenter } : {}),
    });
    // the ASR model decides whether there is a transcript at all: its failure is the caller's error
    await boot(AsrModule.forRoot({ config: asr, driver, store }));
    started.push('asr');
    // rules only, no model: always there, so `itn: true` gets the written form exactly as the ITN service gives it
    await boot(ItnModule.forRoot({ config: loadConfig(ItnConfig, env), driver }));
    const optional: Record<OptionalTask, () => DynamicModule> = {
      lid: () => LidModule.forRoot({ config: loadConfig(LidConfig, env), driver, store }),
      ser: () => SerModule.forRoot({ config: loadConfig(SerConfig, env), driver, store }),
      aed: () => AedModule.forRoot({ config: loadConfig(AedConfig, env), driver, store }),
    };
    // optional models load side by side; one that cannot start is reported, as a gateway reports an unserved queue
    await Promise.all(
      (['lid', 'ser', 'aed'] as const)
        .filter((t) => wanted.has(t))
        .map(async (task) => {
          try {
            await boot(optional[task]());
            started.push(task);
          } catch (e) {
            unavailable.push({ task, reason: `unavailable: ${e instanceof Error ? e.message : String(e)}` });
          }
        }),
    );
    const gatewayConfig = Object.assign(loadConfig(GatewayConfig, env), {
      authMode: 'open' as const,
      apiKeys: '',
      // the bytes are in this process already; the upload limit protects the HTTP gateway, not this
      maxUploadBytes: DEFAULT_AUDIO_LIMITS.maxBytes,
      syncTimeoutMs: EMBEDDED_TIMEOUT_MS,
      optionalTaskTimeoutMs: EMBEDDED_TIMEOUT_MS,
    });
    const gateway = await boot(GatewayModule.forRoot({ config: gatewayConfig, queueDriver: driver, audioStore: store }));
    const service = gateway.get(TranscriptionService);
    const decoder = gateway.get(AudioDecoder);
    const tasks = UNDERSTAND_TASKS.filter((t) => started.includes(t));

    return {
      tasks,
      unavailable,
      async transcribe(input, t = {}, onProgress) {
        const asked = UNDERSTAND_TASKS.filter((x) => x === 'asr' || (t.tasks ?? tasks).includes(x));
        const options = { tasks: asked, language: t.language ?? 'auto', itn: t.itn ?? false, onProgress };
        const result =
          typeof input === 'string'
            ? await service.understandAudio(
                (await decoder.decodeFile(input, { maxDurationSec: gatewayConfig.maxAudioSeconds })).samples,
                options,
              )
            : await service.understand({ ...options, body: input });
        return withLoadFailures(result, unavailable);
      },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

/** "No worker serves the queue" is true but unhelpful when this process knows why: its model did not load. */
function withLoadFailures(t: RichTranscript, failures: readonly MissingTask[]): RichTranscript {
  if (failures.length === 0) return t;
  return {
    ...t,
    missing: t.missing.map((m) => failures.find((f) => f.task === m.task) ?? m),
  };
}
