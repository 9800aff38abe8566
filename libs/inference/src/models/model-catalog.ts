/**
 * Models `earshot models fetch` knows how to download. Hashes are pinned here; `null` means the project could not
 * record the published file's hash (the build machine has no internet), so the first fetch must be told to trust
 * what it downloads (`--accept-hash`, which prints the hash and writes it into the local manifest). Fill these in
 * from a trusted download to make every later fetch verified.
 */
export interface CatalogFile {
  role: string;
  name: string;
  sha256: string | null;
  /** Expected size in bytes, when known (informational: progress bar and a cheap sanity check). */
  bytes?: number;
}

export interface CatalogModel {
  name: string;
  task: 'asr';
  format: 'sensevoice-sherpa';
  description: string;
  defaultBaseUrl: string;
  files: CatalogFile[];
  licence: string;
  source: string;
}

export const MODEL_CATALOG: Record<string, CatalogModel> = {
  'sensevoice-small': {
    name: 'sensevoice-small',
    task: 'asr',
    format: 'sensevoice-sherpa',
    description: 'SenseVoiceSmall (FunAudioLLM, 234 M parameters), sherpa-onnx int8 export of 2024-07-17: zh, en, yue, ja, ko',
    defaultBaseUrl: 'https://huggingface.co/csukuangfj/sherpa-onnx-sense-voice-zh-en-ja-ko-yue-2024-07-17/resolve/main',
    files: [
      { role: 'model', name: 'model.int8.onnx', sha256: null },
      { role: 'tokens', name: 'tokens.txt', sha256: null },
    ],
    licence:
      'SenseVoiceSmall weights: FunASR Model Open Source License Agreement (modelscope/FunASR MODEL_LICENSE); ' +
      'export scripts (k2-fsa/sherpa-onnx): Apache-2.0. Read the model licence before commercial use.',
    source: 'https://huggingface.co/csukuangfj/sherpa-onnx-sense-voice-zh-en-ja-ko-yue-2024-07-17',
  },
};
