import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

// Docker cannot run on the CI machine, so the compose file is checked by reading it.
describe('docker-compose.yml', () => {
  const root = join(__dirname, '..');
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<
      string,
      { command?: string | string[]; environment?: Record<string, string> | string[]; volumes?: string[]; depends_on?: unknown; stop_grace_period?: string }
    >;
  };
  const apps = readdirSync(join(root, 'apps')).filter((a) => existsSync(join(root, 'apps', a, 'src', 'main.ts')) && a !== 'cli');

  it('has a service for every app', () => {
    expect(apps.length).toBeGreaterThanOrEqual(6);
    for (const app of apps) expect(Object.keys(compose.services)).toContain(app);
  });

  it('runs Redis with AOF and noeviction', () => {
    const redis = compose.services.redis;
    expect(redis).toBeDefined();
    const cmd = Array.isArray(redis.command) ? redis.command.join(' ') : String(redis.command);
    expect(cmd).toMatch(/--appendonly\s+yes/);
    expect(cmd).toMatch(/--maxmemory-policy\s+noeviction/);
  });

  it('gives every app more time to stop than its SHUTDOWN_GRACE_MS default (30 s)', () => {
    for (const app of apps) {
      const seconds = parseInt(compose.services[app].stop_grace_period ?? '10s', 10);
      expect({ app, longerThanGrace: seconds > 30 }).toEqual({ app, longerThanGrace: true });
    }
  });

  it('points every app at that Redis and mounts the models', () => {
    for (const app of apps) {
      const svc = compose.services[app];
      const env = Array.isArray(svc.environment) ? svc.environment.join('\n') : JSON.stringify(svc.environment ?? {});
      expect(env).toContain('redis://redis:6379');
      expect((svc.volumes ?? []).some((v) => v.includes('models'))).toBe(true);
    }
  });

  it('gives cameras an AED process of their own and runs the batch workers at a lower CPU priority', () => {
    const env = (name: string) => (compose.services[name]?.environment ?? {}) as Record<string, string>;
    expect(env('cry')).toMatchObject({ AED_SERVE: 'cry' });
    expect(env('cry').CPU_NICE).toBeUndefined();
    expect(env('aed')).toMatchObject({ AED_SERVE: 'aed', CPU_NICE: '10' });
    for (const batch of ['asr', 'lid', 'ser', 'itn']) expect(env(batch)).toMatchObject({ CPU_NICE: '10' });
  });
});
