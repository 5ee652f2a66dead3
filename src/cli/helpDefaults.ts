/**
 * Defaults that the commands' help text quotes. Their homes (describe/,
 * power/, assign/) load CSV parsers and statistics libraries, which every
 * command would then pay for at startup just to print a number; so they are
 * repeated here, and test/cli checks that both copies agree.
 */
export const HELP_DEFAULTS = {
  describeMinCellSize: 5,
  powerAdjustments: ['none', 'bonferroni', 'holm'],
  assignSeed: 20170331,
} as const;
