import { Command } from 'commander';
import { createInterface } from 'readline';
import { Readable, Writable } from 'stream';
import { EarshotError } from '@earshot/contracts';
import {
  isItnLanguage,
  ITN_LANGUAGES,
  ItnLanguage,
  ItnOptions,
  ItnStyle,
  normalize,
  registeredLanguages,
} from '@earshot/itn';
import { CommandRegistrar } from './command-registry';

interface ItnCliOptions {
  lang: string;
  enable0To9?: boolean;
  enableStandaloneNumber?: boolean;
  style?: string;
}

/**
 * Streams spoken-form lines to written-form lines: one output line per input line, in order, nothing else on
 * the output (CRLF and a last line without a newline are accepted; output lines end with \n). A line the engine
 * refuses (longer than its limit) is written back unchanged with a warning on `warn`, so the counts still match.
 */
export async function transformItnLines(
  input: Readable,
  output: Writable,
  lang: ItnLanguage,
  opts: ItnOptions,
  warn: (msg: string) => void = () => undefined,
): Promise<number> {
  const lines = createInterface({ input, crlfDelay: Infinity, terminal: false });
  let count = 0;
  for await (const line of lines) {
    count++;
    let text: string;
    try {
      text = normalize(line, lang, opts).text;
    } catch (err) {
      if (!(err instanceof EarshotError)) throw err;
      warn(`line ${count}: ${err.message}; written unchanged`);
      text = line;
    }
    if (!output.write(text + '\n'))
      await new Promise<void>((resolve) => output.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => output.write('', (err) => (err ? reject(err) : resolve())));
  return count;
}

function parseOptions(opts: ItnCliOptions): { lang: ItnLanguage; itn: ItnOptions } {
  if (!isItnLanguage(opts.lang)) {
    throw new EarshotError('INVALID_ARGUMENT', `--lang must be one of ${ITN_LANGUAGES.join(', ')}`, 'lang');
  }
  if (!registeredLanguages().includes(opts.lang)) {
    throw new EarshotError('INVALID_ARGUMENT', `no ITN grammar for "${opts.lang}" in this build`, 'lang');
  }
  if (
    opts.style !== undefined &&
    opts.style !== 'house' &&
    opts.style !== 'wetext' &&
    opts.style !== 'nemo'
  ) {
    throw new EarshotError('INVALID_ARGUMENT', '--style must be house, wetext or nemo', 'style');
  }
  return {
    lang: opts.lang,
    itn: {
      enable0To9: opts.enable0To9,
      enableStandaloneNumber: opts.enableStandaloneNumber,
      style: opts.style as ItnStyle | undefined,
    },
  };
}

/**
 * `earshot itn --lang zh|en|ja|ko [--enable-0-to-9] [--enable-standalone-number] [--style house|wetext|nemo]`:
 * spoken-form lines on stdin, written-form lines on stdout. Both flags default to on (WeTextProcessing's
 * test defaults); `--no-…` turns them off. Batch checks rely on this contract: keep it.
 */
export const registerItn: CommandRegistrar = (program: Command) => {
  program
    .command('itn')
    .description('Inverse text normalization: spoken-form lines on stdin, written-form lines on stdout')
    .requiredOption('--lang <lang>', `language: ${ITN_LANGUAGES.join(', ')}`)
    .option('--enable-0-to-9', 'convert standalone single digits (default on)')
    .option('--no-enable-0-to-9', 'leave standalone single digits as words')
    .option('--enable-standalone-number', 'convert numbers without a unit or context (default on)')
    .option('--no-enable-standalone-number', 'convert only numbers with a unit or context')
    .option(
      '--style <style>',
      'written conventions where anchors disagree (zh, ja): house (default), wetext or nemo',
    )
    .action(async (opts: ItnCliOptions) => {
      const { lang, itn } = parseOptions(opts);
      await transformItnLines(process.stdin, process.stdout, lang, itn, (m) =>
        process.stderr.write(`earshot: ${m}\n`),
      );
    });
};
