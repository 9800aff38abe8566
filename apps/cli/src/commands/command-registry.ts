import { Command } from 'commander';

/** Each command lives in its own file and adds itself to the program here. */
export type CommandRegistrar = (program: Command) => void;
