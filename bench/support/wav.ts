import { encodeWav } from '@earshot/audio';

/** 16-bit mono WAV bytes from float samples (benchmarks and soak runs send real-looking uploads). */
export function wavBytes(samples: Float32Array, sampleRate = 16000): Buffer {
  const bytes = encodeWav([samples], { sampleRate, encoding: 's16' });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
