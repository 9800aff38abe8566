import { main } from '../../apps/cli/src/main';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs the real `earshot` CLI (`main`, every command registered, the same error reporting) in-process, capturing
 * stdout, stderr and the exit code. Faster than spawning the built binary, and it tests the source, not dist/.
 */
export async function runCli(...args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation(((s: string | Uint8Array, cb?: unknown) => {
    out += String(s);
    if (typeof cb === 'function') (cb as () => void)();
    return true;
  }) as typeof process.stdout.write);
  const e = jest.spyOn(process.stderr, 'write').mockImplementation(((s: string | Uint8Array) => {
    err += String(s);
    return true;
  }) as typeof process.stderr.write);
  try {
    const code = await main(['node', 'earshot', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
