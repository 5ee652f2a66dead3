import type { Command } from 'commander';
import { wholeNumber } from './runCommand.js';
import { paint, progress, say } from './terminal.js';

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('write a synthetic register extract (participants, spells, codes, costs, eval.config.json) shaped like the 2017 trial')
    .requiredOption('-n, --n <N>', 'number of persons')
    .option('-s, --seed <S>', 'random seed', '20170331')
    .requiredOption('-o, --out <dir>', 'directory to write the extract into')
    .option('-q, --quiet', 'no progress messages')
    .addHelpText('after', '\nExample: eval simulate --n 1063 --seed 20170331 --out fixtures/ae-trial')
    .action(async (flags: { n: string; seed: string; out: string; quiet?: boolean }) => {
      const n = wholeNumber(flags.n, '--n');
      const seed = wholeNumber(flags.seed, '--seed');
      const { simulateExtract, writeExtract } = await import('../simulate/index.js');
      if (!flags.quiet) progress(`simulating ${n} persons (seed ${seed})`);
      const extract = simulateExtract({ n, seed });
      await writeExtract(flags.out, extract);
      if (!flags.quiet) say(paint.green(`wrote ${flags.out}`));
    });
}
