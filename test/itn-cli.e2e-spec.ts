import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { resolve } from 'path';

/**
 * The CLI contract others batch-check through: `earshot itn` reads spoken lines on stdin and writes exactly as
 * many written lines on stdout, nothing else. Runs the built CLI (`npm run build`); skipped loudly if not built.
 */
const ROOT = resolve(__dirname, '..');
const BIN = resolve(ROOT, 'bin/earshot.js');
const BUILT = existsSync(resolve(ROOT, 'dist/apps/cli/src/commands/itn.command.js'));

function earshot(args: string[], input: string) {
  return spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 60_000 });
}

(BUILT ? describe : describe.skip)('earshot itn (built CLI)', () => {
  it('maps lines one to one with nothing else on stdout', () => {
    const r = earshot(['itn', '--lang', 'zh'], '二零二四年\r\n\n负三点五\n价格一千元');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('2024年\n\n-3.5\n价格¥1000\n');
  });

  it('honours --no-enable-0-to-9 and --style (one spawn: CLI start-up is the slow part)', () => {
    const r = earshot(['itn', '--lang', 'zh', '--no-enable-0-to-9', '--style', 'nemo'], '一年后\n一万一千\n');
    expect(r.stdout).toBe('一年后\n11,000\n');
  });

  it('rejects a bad language with one line on stderr and a non-zero exit', () => {
    const r = earshot(['itn', '--lang', 'xx'], '一\n');
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

if (!BUILT) {
  console.warn('itn-cli e2e: dist/ not built, CLI spawn tests SKIPPED (run `npm run build`)');
}
