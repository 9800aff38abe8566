import { encodeWav } from '@earshot/audio';

/** A canonical 16-bit mono WAV of these samples, as a Buffer for HTTP bodies and files. */
export function wav16(samples: Float32Array, sampleRate = 16000): Buffer {
  const bytes = encodeWav([samples], { sampleRate, encoding: 's16' });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
