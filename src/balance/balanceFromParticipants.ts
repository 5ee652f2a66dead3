/**
 * The balance section of a run: config.covariates from participants.csv and
 * the primary outcome in the pre-randomization months; undefined when there
 * is neither. balanceInput is its first half (reading the variables), for a
 * caller that runs the test (assessBalance) elsewhere.
 */
import type { ResolvedConfig } from '../config/types.js';
import type { Panel } from '../panel/buildPanel.js';
import type { Participants } from '../read/participants.js';
import type { BalanceSection } from '../results.js';
import { assessBalance, type BalanceInput } from './assessBalance.js';
import { covariateVariables, preMonthVariables } from './balanceVariables.js';

export function balanceFromParticipants(
  participants: Pick<Participants, 'arm' | 'block' | 'extraColumns'>,
  panel: Panel,
  config: Pick<ResolvedConfig, 'arms' | 'reference' | 'covariates' | 'primaryOutcome' | 'inference' | 'bootstrap'>,
  /** config.minCellSize, or 0 without disclosure control. */
  minCellSize: number,
): BalanceSection | undefined {
  const input = balanceInput(participants, panel, config, minCellSize);
  return input && assessBalance(input);
}

export function balanceInput(
  participants: Pick<Participants, 'arm' | 'block' | 'extraColumns'>,
  panel: Panel,
  config: Pick<ResolvedConfig, 'arms' | 'reference' | 'covariates' | 'primaryOutcome' | 'inference' | 'bootstrap'>,
  minCellSize: number,
): BalanceInput | undefined {
  const variables = [...covariateVariables(participants.extraColumns, config.covariates), ...preMonthVariables(panel, config.primaryOutcome)];
  if (variables.length === 0) return undefined;
  return {
    variables,
    arm: participants.arm,
    block: participants.block.codes,
    blockCount: participants.block.levels.length,
    arms: config.arms,
    reference: config.reference,
    minCellSize,
    permutations: config.inference.permutations,
    seed: config.bootstrap.seed,
  };
}
