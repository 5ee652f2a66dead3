/**
 * `eval describe FILE…` (cli.md): Table-1 style comparison of populations,
 * one participants-like file each, and county-mapping tabulations, under
 * disclosure control.
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_AGE_GROUPS } from '../describe/ageGroups.js';
import type { DescribeResult } from '../describe/types.js';
import { UsageError } from '../errors.js';
import { HELP_DEFAULTS } from './helpDefaults.js';
import { wholeNumber } from './runCommand.js';
import { paint, progress, say } from './terminal.js';

export const DEFAULT_DESCRIBE_OUT = join('reports', 'describe');

interface DescribeFlags {
  out: string;
  name?: string[];
  minCellSize?: string;
  columns?: string[];
  categorical?: string[];
  numeric?: string[];
  by?: string;
  ageGroups: string;
  json?: boolean;
  quiet?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** "a,b" and repeated flags alike, blanks dropped. */
function list(values: string[] | undefined): string[] | undefined {
  return values?.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

export function registerDescribe(program: Command): void {
  program
    .command('describe')
    .description('Table-1 style comparison of populations (one participants file each) and tabulations by municipality, under disclosure control')
    .argument('<files...>', 'population files: CSV with a person_id column and any covariates (e.g. participants.csv)')
    .option('-o, --out <dir>', 'output directory, replaced atomically', DEFAULT_DESCRIBE_OUT)
    .option('--name <name>', 'name of a population, once per file in order (default: the file name)', collect)
    .option('--min-cell-size <N>', `disclosure threshold: counts of 1 … N−1 persons are suppressed (default ${HELP_DEFAULTS.describeMinCellSize})`)
    .option('--columns <list>', 'columns to describe, comma-separated, in this order (default: all but person_id, arm, randomized_on, municipality, block and dates)', collect)
    .option('--categorical <list>', 'columns to describe as categories even when they hold numbers (codes)', collect)
    .option('--numeric <list>', 'columns to describe as numbers: any other value is a data error', collect)
    .option('--by <column>', 'rows of the tabulations (default: municipality, else block)')
    .option('--age-groups <list>', 'age groups of the tabulations, whole years inclusive', DEFAULT_AGE_GROUPS)
    .option('--json', 'print describe.json on stdout')
    .option('-q, --quiet', 'no progress messages')
    .addHelpText(
      'after',
      '\nExample:\n  eval describe fixtures/ae-trial/participants.csv fixtures/populations/all-activity-compensation.csv \\\n' +
        '    --name "Study group" --name "All with activity compensation" --out reports/describe\n' +
        '\nExit codes: 0 ok, 1 internal fault, 2 usage error, 3 data error (nothing is written).',
    )
    .action(async (files: string[], flags: DescribeFlags) => {
      const names = flags.name ?? [];
      if (names.length > files.length) {
        throw new UsageError(`${names.length} --name flags for ${files.length} file${files.length === 1 ? '' : 's'}`);
      }
      const minCellSize = flags.minCellSize === undefined ? undefined : wholeNumber(flags.minCellSize, '--min-cell-size');
      if (minCellSize === 0) throw new UsageError('--min-cell-size must be at least 1');
      const [{ buildDescribeFiles, describePopulations, DESCRIBE_FILES }, { writeReportDir }] = await Promise.all([
        import('../describe/index.js'),
        import('../report/writeReportDir.js'),
      ]);
      const result = await describePopulations(
        files.map((path, i) => ({ path, name: names[i] })),
        {
          minCellSize,
          columns: list(flags.columns),
          categorical: list(flags.categorical),
          numeric: list(flags.numeric),
          by: flags.by,
          ageGroups: flags.ageGroups,
          onProgress: flags.quiet ? undefined : progress,
        },
      );
      const outputs = buildDescribeFiles(result);
      await writeReportDir(flags.out, outputs);
      if (!flags.quiet) summarize(result, join(flags.out, DESCRIBE_FILES.html));
      if (flags.json) process.stdout.write(outputs.get(DESCRIBE_FILES.json)!);
    });
}

function summarize(result: DescribeResult, written: string): void {
  const d = result.disclosure;
  const sizes = result.populations.map((p) => `${p.name} ${p.n === null ? 'N suppressed' : `N = ${p.n}`}`).join(', ');
  say(`${paint.bold('populations')}: ${sizes}`);
  say(`disclosure control (min cell size ${d.min_cell_size}): ${d.primary_suppressed} small counts suppressed, ${d.complementary_suppressed} more to protect them`);
  for (const warning of result.warnings) say(paint.yellow(`warning: ${warning}`));
  say(paint.green(`wrote ${written}`));
}
