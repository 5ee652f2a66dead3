/**
 * The cost-effectiveness section of a run from costs.csv as read, with the
 * warnings the cost file raises (persons or arms without a cost, rows of
 * non-participants). Counts below minCellSize are worded "fewer than …".
 */
import type { ResolvedConfig } from '../config/types.js';
import type { SubgroupLayout } from '../estimate/layout.js';
import type { Panel } from '../panel/buildPanel.js';
import type { Costs } from '../read/costs.js';
import type { Participants } from '../read/participants.js';
import type { CostEffectivenessSection } from '../results.js';
import { assessCostEffectiveness, helpWithCostEffectiveness, type CostEffectivenessInput, type CostEffectivenessSharing } from './assessCostEffectiveness.js';
import { personCosts, type PersonCosts } from './personCosts.js';

export interface CostEffectivenessRun {
  section: CostEffectivenessSection | undefined;
  warnings: string[];
}

type CostConfig = CostEffectivenessInput['config'] & Pick<ResolvedConfig, 'arms'>;

export function costEffectivenessFromCosts(
  costs: Pick<Costs, 'perPerson' | 'perArm' | 'unmatched'>,
  participants: Pick<Participants, 'arm' | 'block'>,
  panel: Panel,
  groups: SubgroupLayout,
  /** minCellSize: config.minCellSize, or 0 without disclosure control. */
  config: CostConfig,
  sharing?: CostEffectivenessSharing,
): CostEffectivenessRun {
  const warnings: string[] = [];
  const min = config.minCellSize;
  const { arms, reference } = config;
  const perPerson = personCosts(costs, participants.arm, arms);
  if (costs.unmatched > 0) {
    warnings.push(`${persons(costs.unmatched, min)} in costs.csv ${costs.unmatched === 1 ? 'is not a participant' : 'are not participants'}: left out.`);
  }
  if (perPerson.armsWithoutCost.includes(reference)) {
    warnings.push(`costs.csv gives no cost for the reference arm ${reference}: the cost-effectiveness analysis was skipped.`);
    return { section: undefined, warnings };
  }
  for (const arm of perPerson.armsWithoutCost) warnings.push(`costs.csv gives no cost for arm ${arm}: it has no cost-effectiveness comparison.`);
  perPerson.missingByArm.forEach((missing, a) => {
    if (missing > 0 && !perPerson.armsWithoutCost.includes(arms[a])) {
      warnings.push(`${persons(missing, min)} in arm ${arms[a]} ${missing === 1 ? 'has' : 'have'} no cost in costs.csv: left out of the mean cost.`);
    }
  });
  const section = assessCostEffectiveness({ ...analysisInput(perPerson, participants, panel, groups, config), sharing }, perPerson.armsWithoutCost);
  return { section, warnings };
}

/**
 * Computes replicates of `sharing` that no thread has taken yet, for the
 * thread that runs costEffectivenessFromCosts with it: the same input, and
 * nothing where that run skips the analysis.
 */
export function helpWithCostEffectivenessFromCosts(
  costs: Pick<Costs, 'perPerson' | 'perArm'>,
  participants: Pick<Participants, 'arm' | 'block'>,
  panel: Panel,
  groups: SubgroupLayout,
  config: CostConfig,
  sharing: CostEffectivenessSharing,
): void {
  const perPerson = personCosts(costs, participants.arm, config.arms);
  if (perPerson.armsWithoutCost.includes(config.reference)) return;
  helpWithCostEffectiveness({ ...analysisInput(perPerson, participants, panel, groups, config), sharing });
}

function analysisInput(perPerson: PersonCosts, participants: Pick<Participants, 'arm' | 'block'>, panel: Panel, groups: SubgroupLayout, config: CostConfig): CostEffectivenessInput {
  return {
    panel,
    arm: participants.arm,
    block: participants.block.codes,
    blockCount: participants.block.levels.length,
    groups,
    cost: perPerson.cost,
    costSource: perPerson.source,
    config,
  };
}

/** "12 persons", or "Fewer than 5 persons" for a small count (disclosure control). */
function persons(count: number, minCellSize: number): string {
  if (count < minCellSize) return `Fewer than ${minCellSize} persons`;
  return count === 1 ? '1 person' : `${count} persons`;
}
