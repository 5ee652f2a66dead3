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
import { paint, say } from './terminal.js';

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
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    return report(error, argv.includes('--debug'));
  }
}

function report(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version are printed by commander itself and are not errors.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
    return EXIT.usage;
  }
  if (error instanceof UsageError) {
    say(`${paint.red('usage error:')} ${error.message}`);
    return EXIT.usage;
  }
  if (error instanceof DataError) {
    say(paint.red('data error: nothing was written'));
    for (const line of error.message.split('\n')) say(`  ${line}`);
    return EXIT.data;
  }
  const message = error instanceof Error ? error.message : String(error);
  say(`${paint.red('internal error:')} ${message.split('\n')[0]}`);
  if (debug && error instanceof Error && error.stack) say(error.stack);
  else say('(run again with --debug for the stack trace)');
  return EXIT.internal;
}
