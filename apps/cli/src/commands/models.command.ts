import { existsSync, readdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { EarshotError } from '@earshot/contracts';
import { catalogModel, fetchModel, loadModelPackage, MODEL_CATALOG } from '@earshot/inference';
import { CommonConfig, loadConfig } from '@earshot/platform';
import { writeJsonLine } from '../cli-output';
import { CommandRegistrar } from './command-registry';

interface FetchFlags {
  baseUrl?: string;
  acceptHash: boolean;
  force: boolean;
  timeout: string;
}

function modelsDir(configured: string): string {
  return isAbsolute(configured) ? configured : resolve(configured);
}

/** `earshot models fetch <name>` (download, resume, verify, install) and `earshot models list`. */
export const registerModels: CommandRegistrar = (program: Command) => {
  const models = program.command('models').description('Install and list models');

  models
    .command('fetch')
    .description('Download a model into MODELS_DIR (resumable, checksummed, installed atomically)')
    .argument('<name>', `model to fetch (${Object.keys(MODEL_CATALOG).join(', ')})`)
    .option('--base-url <url>', 'download from this URL prefix instead of the publisher (mirror, local copy)')
    .option('--accept-hash', 'install files that have no pinned checksum, recording the downloaded hash', false)
    .option('--force', 'replace an installed copy', false)
    .option('--timeout <seconds>', 'give up when the server is silent this long', '15')
    .action(async (name: string, flags: FetchFlags) => {
      const config = loadConfig(CommonConfig);
      const timeout = Number(flags.timeout);
      if (!Number.isFinite(timeout) || timeout <= 0) throw new EarshotError('INVALID_ARGUMENT', '--timeout must be a positive number', 'timeout');
      const entry = catalogModel(name);
      const tty = Boolean(process.stderr.isTTY);
      let bar: SingleBar | undefined;
      const result = await fetchModel(entry, {
        modelsDir: modelsDir(config.modelsDir),
        baseUrl: flags.baseUrl,
        acceptHash: flags.acceptHash,
        force: flags.force,
        idleTimeoutMs: timeout * 1000,
        onFileStart: (file, i, n) => {
          bar?.stop();
          bar = undefined;
          process.stderr.write(`earshot: fetching ${file} (${i + 1}/${n})\n`);
        },
        onProgress: (_file, p) => {
          if (!tty) return;
          if (!bar) {
            bar = new SingleBar({
              format: '  {bar} {percentage}% | {mb}/{totalMb} MB',
              stream: process.stderr,
              hideCursor: true,
            });
            bar.start(p.total ?? 0, p.received, { mb: '0', totalMb: p.total ? (p.total / 2 ** 20).toFixed(1) : '?' });
          }
          if (p.total) bar.setTotal(p.total);
          bar.update(p.received, { mb: (p.received / 2 ** 20).toFixed(1) });
        },
      }).finally(() => bar?.stop());
      await writeJsonLine({
        model: name,
        dir: result.dir,
        alreadyInstalled: result.alreadyInstalled,
        files: result.files,
        licence: entry.licence,
      });
    });

  models
    .command('list')
    .description('Models installed in MODELS_DIR (manifest checked, checksums not recomputed) and fetchable ones')
    .action(async () => {
      const dir = modelsDir(loadConfig(CommonConfig).modelsDir);
      const installed = [];
      for (const name of existsSync(dir) ? readdirSync(dir) : []) {
        if (name.startsWith('.') || !existsSync(join(dir, name, 'manifest.json'))) continue;
        try {
          const pkg = await loadModelPackage(join(dir, name), { verify: false });
          installed.push({ name, task: pkg.manifest.task, format: pkg.manifest.format, licence: pkg.manifest.licence, ok: true });
        } catch (err) {
          installed.push({ name, ok: false, error: (err as Error).message });
        }
      }
      await writeJsonLine({ modelsDir: dir, installed, fetchable: Object.keys(MODEL_CATALOG) });
    });
};
