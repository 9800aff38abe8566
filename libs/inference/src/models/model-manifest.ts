/**
 * `models/<name>/manifest.json`: what a model directory holds and how to feed it. One schema for every model of
 * the suite (ASR, classifiers, VAD), so the loaders, the `models` command and the services read models alike.
 *
 * Example (SenseVoice-format, sherpa flavour):
 * {
 *   "name": "digits-en-ctc", "task": "asr", "format": "sensevoice-sherpa", "version": "1",
 *   "files": [
 *     { "role": "model",  "path": "model.onnx", "sha256": "…", "bytes": 1234 },
 *     { "role": "tokens", "path": "tokens.txt", "sha256": "…" }
 *   ],
 *   "frontend": { "sampleRate": 16000, "featureDim": 80, "frameLengthMs": 25, "frameShiftMs": 10,
 *                 "window": "hamming", "dither": 0, "lfrM": 7, "lfrN": 6, "cmvn": "metadata" },
 *   "labels": { "languages": ["en"] },
 *   "licence": "CC-BY-4.0 (trained on FSDD)", "card": "README.md"
 * }
 */
export const MODEL_TASKS = ['asr', 'lid', 'ser', 'aed', 'vad', 'itn'] as const;
export type ModelTask = (typeof MODEL_TASKS)[number];

/** `sensevoice-sherpa`: x/x_length/language/text_norm -> logits, CMVN in ONNX metadata; `sensevoice-funasr`:
 * speech/speech_lengths/language/textnorm -> ctc_logits, CMVN in am.mvn. Other formats are free-form strings
 * owned by the service that reads them (e.g. "classifier"). */
export type ModelFormat = 'sensevoice-sherpa' | 'sensevoice-funasr' | (string & {});

/** Roles the SenseVoice loaders look for: model (ONNX), tokens (tokens.txt / tokens.json), cmvn (am.mvn). */
export type ModelFileRole = 'model' | 'tokens' | 'cmvn' | (string & {});

export interface ModelFile {
  role: ModelFileRole;
  /** Relative to the model directory; never absolute, never `..`. */
  path: string;
  /** Lower-case hex sha256 of the file's bytes. */
  sha256: string;
  bytes?: number;
}

export interface FrontendParams {
  sampleRate: number;
  featureDim: number;
  frameLengthMs?: number;
  frameShiftMs?: number;
  window?: string;
  dither?: number;
  lfrM?: number;
  lfrN?: number;
  /** Where CMVN comes from: ONNX metadata (sherpa), the `cmvn` file (FunASR am.mvn), or none. */
  cmvn?: 'metadata' | 'file' | 'none';
}

export interface ModelManifest {
  name: string;
  task: ModelTask;
  format: ModelFormat;
  version?: string;
  description?: string;
  files: ModelFile[];
  frontend: FrontendParams;
  /** Label sets the model can emit (languages, emotions, events, classes), for docs and validation. */
  labels?: Record<string, string[]>;
  licence: string;
  /** Model card, relative to the model directory. */
  card?: string;
  /** Where the files came from (a URL or a script path and command). */
  source?: string;
  /** Free-form figures for the card (e.g. { "wer_val": 0.041 }). */
  metrics?: Record<string, number | string>;
}
