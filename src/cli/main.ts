/**
 * The `eval` command line (cli.md): a thin layer over the library that maps
 * errors to exit codes and keeps stdout for --json.
 */
import { Command, CommanderError } from 'commander';
import { DataError, UsageError } from '../errors.js';
import { VERSION } from '../version.js';
import { EXIT } from './exitCodes.js';
import { registerAssign } from './assignCommand.js';
import { registerDescribe } from './describeCommand.js';
import { registerPower } from './powerCommand.js';
import { registerRun } from './runCommand.js';
import { registerSimulate } from './simulateCommand.js';
import { oneLine, paint, say } from './terminal.js';

export { oneLine } from './terminal.js';

export function buildProgram(): Command {
  const program = new Command('eval')
    .description('Effekt: evaluate randomized trials of labour-market interventions from register extracts')
    .version(VERSION, '-V, --version')
    .option('--debug', 'print the stack trace of an internal fault')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerRun(program);
  registerSimulate(program);
  registerDescribe(program);
  registerPower(program);
  registerAssign(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  catchStrayErrors(debug);
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    return report(error, debug);
  }
}

let strayErrorsCaught = false;

/**
 * An error thrown in a stream or timer callback, or a promise rejected with
 * nobody awaiting it, never reaches main's catch: Node would print its own
 * stack trace and exit with its own code. These handlers keep the contract
 * for those too (one line, exit code by error class, stack only with
 * --debug). Exiting at once is safe: output directories are swapped in
 * whole (writeReportDir), so a run stopped here leaves the earlier report.
 */
function catchStrayErrors(debug: boolean): void {
  if (strayErrorsCaught) return;
  strayErrorsCaught = true;
  const stop = (error: unknown): never => process.exit(report(error, debug));
  // A reader that closes the pipe early (`eval --help | head`) is not a fault.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    stop(error);
  });
  process.on('uncaughtException', stop);
  process.on('unhandledRejection', stop);
}

/** Prints the error the way cli.md promises and returns its exit code. */
export function report(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version are printed by commander itself and are not errors.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
    return EXIT.usage;
  }
  if (error instanceof UsageError) {
    say(`${paint.red('usage error:')} ${oneLine(error.message)}`);
    return EXIT.usage;
  }
  if (error instanceof DataError) {
    say(paint.red('data error: nothing was written'));
    for (const line of error.message.split('\n')) say(`  ${oneLine(line)}`);
    return EXIT.data;
  }
  const hint = debug ? '' : ' (run again with --debug for the stack trace)';
  say(`${paint.red('internal error:')} ${oneLine(describe(error))}${hint}`);
  if (debug) {
    const stack = error instanceof Error ? error.stack : undefined;
    if (stack) say(stack);
  }
  return EXIT.internal;
}

/**
 * Whatever was thrown, as text: an Error's message (or its name when the
 * message is empty), anything else converted without letting the
 * conversion itself throw (e.g. an object without a prototype).
 */
function describe(error: unknown): string {
  if (error instanceof Error) return error.message.trim() === '' ? error.name : error.message;
  try {
    const text = typeof error === 'string' ? error : JSON.stringify(error) ?? String(error);
    return text === '' ? 'an empty error was thrown' : text;
  } catch {
    return `a value of type ${typeof error} was thrown`;
  }
}
