import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Real processes for fault and soak tests: the built services (`dist/apps/<svc>/src/main.js`) and private
 * redis-server instances. Everything started here must be stopped by the caller (`stop()` in afterAll).
 */
export const REPO = resolve(__dirname, '..', '..');

export type ServiceName = 'gateway' | 'asr' | 'lid' | 'ser' | 'aed' | 'itn';

/** A free loopback TCP port (the OS picks it; the small race until it is bound again is acceptable in tests). */
export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Makes sure `dist/` holds the current sources of these services (tests must exercise the code under test, not a
 * stale build): builds once when a source file is newer than a built entry point. A lock keeps parallel suites from
 * building at the same time.
 */
export function ensureBuilt(services: ServiceName[]): void {
  const mains = services.map((s) => join(REPO, 'dist', 'apps', s, 'src', 'main.js'));
  const stale = () => {
    if (mains.some((m) => !existsSync(m))) return true;
    const built = Math.min(...mains.map((m) => statSync(m).mtimeMs));
    return Math.max(newestMtime(join(REPO, 'apps')), newestMtime(join(REPO, 'libs'))) > built;
  };
  if (!stale()) return;
  const lock = join(tmpdir(), `earshot-build-${REPO.replace(/[^A-Za-z0-9]/g, '_')}.lock`);
  // Checked again under the lock: another suite may have just built.
  const check = mains.map((m) => `[ -f "${m}" ] || need=1; [ -z "$(find apps libs -name '*.ts' ! -name '*.spec.ts' -newer "${m}" 2>/dev/null | head -1)" ] || need=1;`).join(' ');
  execFileSync('flock', [lock, 'sh', '-c', `cd "${REPO}" && need=; ${check} [ -z "$need" ] || npm run build --silent`], {
    stdio: 'ignore',
    timeout: 300_000,
  });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One spawned process with its output kept, so tests can wait for a log line and show it when they fail. */
export class RunningProcess {
  output = '';
  readonly exited: Promise<Exit>;
  private exit?: Exit;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((ok) =>
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        ok(this.exit);
      }),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** Resolves when the output matches; rejects with the output so far if the process exits or time runs out. */
  async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<void> {
    const started = Date.now();
    while (!pattern.test(this.output)) {
      if (!this.running) throw new Error(`${this.name} exited (${JSON.stringify(this.exit)}) before ${pattern}:\n${this.output}`);
      if (Date.now() - started > timeoutMs) throw new Error(`${this.name}: no ${pattern} within ${timeoutMs} ms:\n${this.output}`);
      await sleep(50);
    }
  }

  signal(sig: NodeJS.Signals): void {
    if (this.running) this.child.kill(sig);
  }

  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. Safe to call twice or after it died. */
  async stop(graceMs = 10_000): Promise<Exit> {
    if (!this.running) return this.exit!;
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }
}

/**
 * Starts a built service (`node dist/apps/<name>/src/main.js`) with this environment on top of the test's. Resolves
 * once it logs `ready` (default: a worker taking jobs, or the gateway listening).
 */
export async function startService(
  name: ServiceName,
  env: Record<string, string>,
  ready: RegExp = name === 'gateway' ? /listening on/ : /taking jobs from/,
  timeoutMs = 90_000,
): Promise<RunningProcess> {
  const main = join(REPO, 'dist', 'apps', name, 'src', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing; run \`npm run build\` (or call ensureBuilt) first`);
  const child = spawn(process.execPath, [main], {
    cwd: REPO,
    env: { ...process.env, MODELS_DIR: join(REPO, 'models'), LOG_LEVEL: 'log', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc = new RunningProcess(name, child);
  try {
    await proc.waitFor(ready, timeoutMs);
  } catch (err) {
    await proc.stop(1000);
    throw err;
  }
  return proc;
}

/**
 * A private redis-server on a free loopback port, its data in a temp directory, so a test may stop and restart it
 * without touching the shared Redis. `appendonly` keeps the data across restarts (as docker-compose does); without
 * it nothing is saved (no RDB snapshots either), like a cache that loses everything on restart.
 */
export class PrivateRedis {
  readonly dir = mkdtempSync(join(tmpdir(), 'earshot-redis-'));
  private proc?: RunningProcess;

  private constructor(
    readonly port: number,
    readonly appendonly: boolean,
  ) {}

  static async start(opts: { appendonly: boolean }): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort(), opts.appendonly);
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.proc?.running ?? false;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', ''];
    args.push('--appendonly', this.appendonly ? 'yes' : 'no', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction');
    this.proc = new RunningProcess(`redis:${this.port}`, spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] }));
    await this.proc.waitFor(/Ready to accept connections/, 15_000);
  }

  /** A clean shutdown (SIGTERM: redis-server flushes the AOF and exits). */
  async stop(): Promise<void> {
    await this.proc?.stop(10_000);
  }

  /** Stops it and deletes its data directory. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
