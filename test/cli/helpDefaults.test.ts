import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSIGN_SEED } from '../../src/assign/index.js';
import { HELP_DEFAULTS } from '../../src/cli/helpDefaults.js';
import { DEFAULT_MIN_CELL_SIZE } from '../../src/describe/index.js';
import { ADJUSTMENTS } from '../../src/power/index.js';
import { runCli as cli } from '../runCli.js';

describe('the defaults quoted in the help text', () => {
  it('are those the commands use', () => {
    expect(HELP_DEFAULTS.describeMinCellSize).toBe(DEFAULT_MIN_CELL_SIZE);
    expect(HELP_DEFAULTS.powerAdjustments).toEqual(ADJUSTMENTS);
    expect(HELP_DEFAULTS.assignSeed).toBe(DEFAULT_ASSIGN_SEED);
  });

  it('appear in the help of each command', () => {
    expect(cli(['describe', '--help']).stdout).toContain(`(default ${DEFAULT_MIN_CELL_SIZE})`);
    expect(cli(['power', '--help']).stdout.replace(/\s+/g, ' ')).toContain(ADJUSTMENTS.join(', '));
    expect(cli(['assign', '--help']).stdout.replace(/\s+/g, ' ')).toContain(`(default ${DEFAULT_ASSIGN_SEED})`);
  });
});
