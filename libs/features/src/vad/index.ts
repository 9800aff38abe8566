export * from './vad.types';
export { DEFAULT_VAD_OPTIONS, MAX_SEGMENT_LIMIT_SEC, resolveVadOptions } from './vad-options';
export { SpeechSegmenter } from './speech-segmenter';
export { SileroVadModel, SileroWindowRunner, defaultSileroModelPath } from './silero-vad-model.adapter';
export type { SileroVadModelOptions } from './silero-vad-model.adapter';
export { VadStream } from './vad-stream';
export { SileroVad } from './silero-vad';
