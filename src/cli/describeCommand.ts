import type { Command } from 'commander';
import { UsageError } from '../errors.js';

// Placeholder until `eval describe` is built (issue 4): listed in --help, refuses to run.
export function registerDescribe(program: Command): void {
  program
    .command('describe')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => {
      throw new UsageError('eval describe is not available yet in this version');
    });
}
