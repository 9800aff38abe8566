import 'reflect-metadata';
import { Command } from 'commander';
import { COMMANDS } from './commands';
import { reportError } from './cli-output';

export function buildProgram(): Command {
  const program = new Command('earshot')
    .description('Speech understanding: transcript, language, emotion, audio events and written form')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const register of COMMANDS) register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (err) {
    return reportError(err);
  }
}

if (require.main === module) {
  void main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
