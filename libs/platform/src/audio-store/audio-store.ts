import { AudioRef } from '@earshot/contracts';

/** Where decoded PCM lives between the gateway and the workers. */
export interface AudioStore {
  put(id: string, pcm: Float32Array, ttlSeconds: number): Promise<AudioRef>;
  /** Samples [from, to) of the stored audio; the whole clip when no range is given. */
  get(ref: AudioRef, from?: number, to?: number): Promise<Float32Array>;
  delete(ref: AudioRef): Promise<void>;
  /** Whether the backing store answers (for /health); stores that cannot fail leave it out. */
  ping?(): Promise<boolean>;
}

export const AUDIO_STORE = Symbol('AUDIO_STORE');

export function clampRange(ref: AudioRef, from = 0, to = ref.samples): [number, number] {
  const a = Math.max(0, Math.min(ref.samples, Math.floor(from)));
  const b = Math.max(a, Math.min(ref.samples, Math.floor(to)));
  return [a, b];
}
