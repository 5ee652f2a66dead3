import type { Command } from 'commander';
import { UsageError } from '../errors.js';

// Placeholder until `eval assign` is built (issue 4): listed in --help, refuses to run.
export function registerAssign(program: Command): void {
  program
    .command('assign')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => {
      throw new UsageError('eval assign is not available yet in this version');
    });
}
