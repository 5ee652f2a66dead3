import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import type { AssignSummary } from '../assign/index.js';
import { readConfigFile } from '../config/load.js';
import { UsageError } from '../errors.js';
import { formatDay, parseDay } from '../time/days.js';
import { HELP_DEFAULTS } from './helpDefaults.js';
import { wholeNumber } from './runCommand.js';
import { paint, progress, say } from './terminal.js';

interface AssignFlags {
  participants: string;
  log: string;
  config?: string;
  seed?: string;
  date?: string;
  json?: boolean;
  quiet?: boolean;
}

// Line numbers listed before the rest are only counted.
const LISTED_RANGES = 20;

export function registerAssign(program: Command): void {
  program
    .command('assign')
    .description('randomize newly consenting persons (stratified permuted blocks) and append them to the assignment log')
    .requiredOption('--participants <file>', 'NEW.csv: person_id, the block column when stratified, optionally randomized_on and covariates')
    .requiredOption('--log <file>', 'the assignment log, a participants.csv for eval run; created when missing, earlier lines never changed')
    .option('-c, --config <file>', 'analysis plan with arms, allocation and block (default: eval.config.json beside the log when present)')
    .option('-s, --seed <S>', `seed of the block permutations; use the same on every run of one log (default ${HELP_DEFAULTS.assignSeed})`)
    .option('--date <YYYY-MM-DD>', 'day of randomization for persons without their own randomized_on (never today implicitly)')
    .option('--json', 'print a summary as JSON on stdout')
    .option('-q, --quiet', 'no messages')
    .addHelpText(
      'after',
      [
        '',
        'Example: eval assign --participants new.csv --log trial/participants.csv --seed 4711 --date 2015-03-02',
        '',
        'Persons already in the log are counted, not drawn again; a run with no new persons leaves the log as it is.',
        'Exit codes: 0 ok, 1 internal fault, 2 usage error, 3 data error (the log is unchanged).',
      ].join('\n'),
    )
    .action(async (flags: AssignFlags) => {
      const { assignParticipants, DEFAULT_ASSIGN_SEED } = await import('../assign/index.js');
      const seed = flags.seed === undefined ? DEFAULT_ASSIGN_SEED : wholeNumber(flags.seed, '--seed');
      if (seed > 0xffffffff) throw new UsageError(`--seed takes a whole number from 0 to 4294967295, got ${seed}`);
      const date = flags.date === undefined ? undefined : isoDate(flags.date);
      if (!existsSync(flags.participants)) throw new UsageError(`participants file not found: ${flags.participants}`);
      if (!existsSync(dirname(flags.log))) throw new UsageError(`the log's directory does not exist: ${dirname(flags.log)}`);
      const besideLog = join(dirname(flags.log), 'eval.config.json');
      const configPath = flags.config ?? (existsSync(besideLog) ? besideLog : undefined);
      const tell = flags.quiet ? () => {} : say;
      if (configPath === undefined) tell(paint.dim('· no config: three equal arms FS, SE, CM, block column "block" when present'));
      else if (flags.config === undefined) tell(paint.dim(`· config ${basename(configPath)} beside the log`));
      if (flags.seed === undefined) tell(paint.dim(`· seed ${seed} (the default): give the same --seed on every run of this log`));
      if (!flags.quiet) progress(`assigning the persons of ${basename(flags.participants)} not yet in ${basename(flags.log)}`);

      const summary = await assignParticipants({
        participants: flags.participants,
        log: flags.log,
        config: configPath === undefined ? {} : await readConfigFile(configPath),
        configSource: configPath === undefined ? undefined : basename(configPath),
        seed,
        date,
      });
      if (!flags.quiet) describe(summary, basename(flags.participants), basename(flags.log));
      if (flags.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    });
}

function isoDate(text: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseDay(text) : undefined;
  if (day === undefined) throw new UsageError(`--date takes a day YYYY-MM-DD that exists, got ${JSON.stringify(text)}`);
  return formatDay(day);
}

function describe(summary: AssignSummary, newFile: string, logFile: string): void {
  if (summary.alreadyAssigned > 0) {
    say(
      paint.yellow(
        `${summary.alreadyAssigned} of the persons in ${newFile} are already in ${logFile} and were not drawn again (${newFile} ${lineRanges(summary.alreadyAssignedLines)})`,
      ),
    );
  }
  if (!summary.written) {
    say(`no new persons to assign: ${logFile} is unchanged (${summary.logPersons} persons)`);
    return;
  }
  const arms = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([arm, n]) => `${arm} ${n}`)
      .join(', ');
  const strata = Object.keys(summary.byStratum).length;
  const design = summary.block ? `${strata} ${strata === 1 ? 'stratum' : 'strata'} of ${summary.block}` : 'no strata';
  say(`${paint.bold(`assigned ${summary.assigned} persons`)}: ${arms(summary.byArm)} (${design}; permuted blocks of ${summary.blockLength}, seed ${summary.seed})`);
  say(paint.green(`wrote ${logFile}: ${summary.logPersons} persons (${arms(summary.logByArm)})`));
}

/** "2–11, 15, 20–22", at most LISTED_RANGES ranges and a count of the rest. */
function lineRanges(lines: readonly number[]): string {
  const ranges: string[] = [];
  let start = lines[0];
  let end = lines[0];
  for (let i = 1; i <= lines.length; i++) {
    if (i < lines.length && lines[i] === end + 1) {
      end = lines[i];
      continue;
    }
    ranges.push(start === end ? `${start}` : `${start}–${end}`);
    start = end = lines[i];
  }
  const shown = ranges.slice(0, LISTED_RANGES).join(', ');
  const more = ranges.length > LISTED_RANGES ? ` and ${ranges.length - LISTED_RANGES} more ranges` : '';
  return `${ranges.length === 1 && !ranges[0].includes('–') ? 'line' : 'lines'} ${shown}${more}`;
}
