import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { ConfigInput } from '../config/types.js';
import { UsageError } from '../errors.js';

export const DEFAULT_FIXTURE = join('fixtures', 'ae-trial');
export const DEFAULT_REPORT = join('reports', 'ae-trial');

export interface RunFlags {
  out?: string;
  config?: string;
  participants?: string;
  spells?: string;
  codes?: string;
  costs?: string;
  extractDate?: string;
  rule?: string;
  replicates?: string;
  seed?: string;
  estimator?: string;
  ci?: string;
  inference?: string;
  permutations?: string;
  json?: boolean;
  quiet?: boolean;
  disclosureControl?: boolean;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run the full analysis of an extract directory and write its report')
    .argument('[dir]', `analysis directory with participants.csv, spells.csv, optional codes.csv and eval.config.json (default: ${DEFAULT_FIXTURE})`)
    .option('-o, --out <dir>', `output directory, replaced atomically (default: ${DEFAULT_REPORT} for the fixture, otherwise reports/<name of dir>)`)
    .option('-c, --config <file>', 'analysis plan (default: <dir>/eval.config.json when present)')
    .option('--participants <file>', 'participants file (default: <dir>/participants.csv)')
    .option('--spells <file>', 'spells file (default: <dir>/spells.csv)')
    .option('--codes <file>', 'source-code mapping (default: <dir>/codes.csv when present)')
    .option('--costs <file>', 'costs file (default: <dir>/costs.csv when present; read by later versions)')
    .option('--extract-date <date>', 'last day the registers cover (overrides extractDate)')
    .option('--rule <rule>', 'monthly rule: end, any or majority (overrides rule)')
    .option('--replicates <B>', 'bootstrap replicates (overrides bootstrap.replicates)')
    .option('--seed <seed>', 'bootstrap seed (overrides bootstrap.seed)')
    .option('--estimator <name>', 'diff, blocked, ols or lin (overrides estimator)')
    .option('--ci <method>', 'bootstrap interval: percentile, basic, normal or bca (overrides bootstrap.ci)')
    .option('--inference <method>', 'p-values: randomization or normal (overrides inference.method)')
    .option('--permutations <R>', 'permutations for randomization inference (overrides inference.permutations)')
    .option('--no-disclosure-control', 'turn disclosure control off, for work inside a secure environment only: recorded in results.json, and the report is marked "not for publication"')
    .option('--json', 'print results.json on stdout')
    .option('-q, --quiet', 'no progress messages')
    .addHelpText('after', '\nExit codes: 0 ok, 1 internal fault, 2 usage error, 3 data error (nothing is written).')
    .action(async (dir: string | undefined, flags: RunFlags) => {
      // Time from process start to here: Node itself, this module graph and the parsing of argv.
      const startup = performance.now();
      const overrides = overridesFrom(flags);
      // The analysis and report modules are loaded only now, so that the other commands and --help never load them.
      const { runAndReport } = await import('./runAndReport.js');
      await runAndReport({
        inputDir: dir ?? DEFAULT_FIXTURE,
        out: flags.out ?? (dir === undefined ? DEFAULT_REPORT : join('reports', basename(resolve(dir)))),
        flags,
        overrides,
        startup,
      });
    });
}

function overridesFrom(flags: RunFlags): ConfigInput {
  const overrides: ConfigInput = {};
  if (flags.extractDate !== undefined) overrides.extractDate = flags.extractDate;
  if (flags.rule !== undefined) overrides.rule = flags.rule as ConfigInput['rule'];
  const bootstrap: NonNullable<ConfigInput['bootstrap']> = {};
  if (flags.replicates !== undefined) bootstrap.replicates = wholeNumber(flags.replicates, '--replicates');
  if (flags.seed !== undefined) bootstrap.seed = wholeNumber(flags.seed, '--seed');
  if (flags.ci !== undefined) bootstrap.ci = flags.ci as NonNullable<ConfigInput['bootstrap']>['ci'];
  if (Object.keys(bootstrap).length > 0) overrides.bootstrap = bootstrap;
  if (flags.estimator !== undefined) overrides.estimator = flags.estimator as ConfigInput['estimator'];
  const inference: NonNullable<ConfigInput['inference']> = {};
  if (flags.inference !== undefined) inference.method = flags.inference as NonNullable<ConfigInput['inference']>['method'];
  if (flags.permutations !== undefined) inference.permutations = wholeNumber(flags.permutations, '--permutations');
  if (Object.keys(inference).length > 0) overrides.inference = inference;
  return overrides;
}

export function wholeNumber(text: string, flag: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} takes a whole number, got ${JSON.stringify(text)}`);
  return Number(text);
}
