/**
 * `npm run bench:features`: the TypeScript front-end (fbank) and the Silero VAD, each against sherpa-onnx-node's
 * C++ measured in the same run. Ends with one JSON line holding both sets of figures.
 */
import { benchFbank } from './fbank-bench';
import { benchVad } from './vad-bench';

async function main(): Promise<void> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log('== fbank');
  const fbank = await benchFbank({ log });
  log('== vad');
  const vad = await benchVad({ log });
  const prefixed = (p: string, r: Record<string, number>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [`${p}_${k}`, v]));
  process.stdout.write(`${JSON.stringify({ bench: 'features', ...prefixed('fbank', fbank), ...prefixed('vad', vad) })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`features bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
