import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import { EarshotError, hashApiKey, SCOPES } from '@earshot/contracts';
import { writeJsonLine } from '../cli-output';
import { CommandRegistrar } from './command-registry';

/** `earshot keys create`: makes a new API key and the API_KEYS entry that stores only its hash. */
export const registerKeys: CommandRegistrar = (program: Command) => {
  const keys = program.command('keys').description('Manage gateway API keys');
  keys
    .command('create')
    .description('Create a random API key; prints the key once and the API_KEYS entry holding its hash')
    .requiredOption('--name <name>', 'a label for the key (letters, digits, - and _)')
    .option('--scopes <list>', `scopes joined by + (${SCOPES.join(', ')}) or *`, 'transcribe')
    .option('--rate <perMinute>', 'requests per minute for this key')
    .action(async (opts: { name: string; scopes: string; rate?: string }) => {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(opts.name)) throw new EarshotError('INVALID_ARGUMENT', 'The name may hold letters, digits, - and _', 'name');
      const scopes = opts.scopes === '*' ? ['*'] : opts.scopes.split('+');
      const bad = scopes.filter((s) => s !== '*' && !(SCOPES as readonly string[]).includes(s));
      if (bad.length) throw new EarshotError('INVALID_ARGUMENT', `Unknown scope(s): ${bad.join(', ')}`, 'scopes');
      if (opts.rate !== undefined && !/^[1-9][0-9]*$/.test(opts.rate)) throw new EarshotError('INVALID_ARGUMENT', '--rate must be a positive whole number', 'rate');
      const key = `esk_${randomBytes(24).toString('base64url')}`;
      const entry = [opts.name, scopes.join('+'), hashApiKey(key), ...(opts.rate ? [opts.rate] : [])].join(':');
      await writeJsonLine({ key, apiKeysEntry: entry });
    });
};
