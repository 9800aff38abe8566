import { CommanderError } from 'commander';
import { EarshotError } from '@earshot/contracts';

/** Writes to stdout and resolves once the data is flushed, so piped consumers get everything before exit. */
export function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (err) => (err ? reject(err) : resolve()));
  });
}

export function writeJsonLine(value: unknown): Promise<void> {
  return writeOut(`${JSON.stringify(value)}\n`);
}

/** Exit codes: 0 ok, 1 a typed failure (bad input, missing model), 2 usage, 70 an internal error. */
export function reportError(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
  if (err instanceof EarshotError) {
    process.stderr.write(`earshot: ${err.code}: ${err.message}\n`);
    return 1;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`earshot: internal error: ${message.split('\n')[0]}\n`);
  return 70;
}
