import { CommandRegistrar } from './command-registry';

// One line per command; keep flags and output shapes stable, other tools call them.
export const COMMANDS: CommandRegistrar[] = [];
