/**
 * Composition of work: at every month, each arm's share in each exclusive
 * status, and the effect (difference to the reference) on each, with the
 * main estimates' bootstrap. The statuses become pseudo-outcomes
 * (statusPanel) for estimate() on subgroup `all`; replicate b draws persons
 * with RandomStream(seed, b) within the same arm × block strata, so these
 * intervals come from the very resamples of the main estimates.
 *
 * Small cells are marked by estimate()'s primary rule; the statuses of an
 * arm-month add up to its n, so the complements that stop a hidden cell
 * from being recovered by subtraction are chosen by disclosure control
 * (src/disclosure, which treats this table as a partition).
 */
import { estimate, type EstimateInput } from '../estimate/estimate.js';
import { subgroupLayout } from '../estimate/layout.js';
import { STATUS_NAMES } from '../panel/spellTypes.js';
import type { CompositionSection } from '../results.js';
import { statusPanel } from './statusPanel.js';

export type CompositionInput = Omit<EstimateInput, 'groups'>;

export interface CompositionResult {
  section: CompositionSection;
  /** estimate()'s warnings for the status pseudo-outcomes, as it words them. */
  warnings: string[];
}

export function estimateComposition(input: CompositionInput): CompositionResult {
  const panel = statusPanel(input.panel);
  const groups = subgroupLayout(panel.persons, new Map());
  // The composition describes where the work is: shares and `diff` effects
  // with normal-approximation p-values, whatever the main estimator.
  const config = { ...input.config, estimator: 'diff' as const, inference: { ...input.config.inference, method: 'normal' as const } };
  const estimates = estimate({ ...input, panel, groups, config, personOutcomes: [] });
  return {
    section: { statuses: [...STATUS_NAMES], shares: estimates.shares, effects: estimates.effects },
    warnings: estimates.warnings,
  };
}
