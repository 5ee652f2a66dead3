import type { Command } from 'commander';
import { UsageError } from '../errors.js';

// Placeholder until `eval power` is built (issue 4): listed in --help, refuses to run.
export function registerPower(program: Command): void {
  program
    .command('power')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => {
      throw new UsageError('eval power is not available yet in this version');
    });
}
