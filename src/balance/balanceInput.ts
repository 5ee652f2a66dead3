/**
 * What the balance section of a run tests (assessBalance, run on whichever
 * thread the caller chooses): config.covariates from participants.csv and
 * the primary outcome in the pre-randomization months; undefined when there
 * is neither.
 */
import type { ResolvedConfig } from '../config/types.js';
import type { Panel } from '../panel/buildPanel.js';
import type { Participants } from '../read/participants.js';
import type { BalanceInput } from './assessBalance.js';
import { covariateVariables, preMonthVariables } from './balanceVariables.js';

export function balanceInput(
  participants: Pick<Participants, 'arm' | 'block' | 'extraColumns'>,
  panel: Panel,
  config: Pick<ResolvedConfig, 'arms' | 'reference' | 'covariates' | 'primaryOutcome' | 'inference' | 'bootstrap'>,
  /** config.minCellSize, or 0 without disclosure control. */
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
