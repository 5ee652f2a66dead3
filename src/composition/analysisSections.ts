/**
 * The sections computed beside the main estimate from the same bootstrap
 * design: composition of work and cost-effectiveness. They need nothing
 * from the main estimate, so runAnalysis hands them to the estimate's
 * worker thread (after its randomization inference and balance test), and
 * the main thread takes their replicates too once its own estimate is done
 * (helpWithSections). The worker computes exactly analysisSections(), so
 * the results are the same with or without it, whatever the number of
 * threads; without a worker (from the TypeScript sources, EFFEKT_THREADS=1,
 * or one that fails) they are computed in line. Lives beside the
 * composition, its largest part; it is wiring and could as well sit in
 * src/pipeline/.
 */
import type { ResolvedConfig } from '../config/types.js';
import { costEffectivenessCells, type CostEffectivenessSharing } from '../costEffectiveness/assessCostEffectiveness.js';
import { costEffectivenessFromCosts, helpWithCostEffectivenessFromCosts, type CostEffectivenessRun } from '../costEffectiveness/costEffectivenessFromCosts.js';
import type { SubgroupLayout } from '../estimate/layout.js';
import type { Panel } from '../panel/buildPanel.js';
import type { Costs } from '../read/costs.js';
import type { Participants } from '../read/participants.js';
import { estimateComposition, helpWithComposition, type CompositionInput, type CompositionResult, type CompositionSharing } from './estimateComposition.js';
import { statusShareCells } from './statusBootstrap.js';
import { replicateCounters } from '../threads/replicateClaims.js';

export interface SectionsInput {
  participants: Pick<Participants, 'arm' | 'block'>;
  /** The panel with the primary outcome only (primaryOutcomePanel): all the sections read. */
  panel: Panel;
  groups: SubgroupLayout;
  costs: Pick<Costs, 'perPerson' | 'perArm' | 'unmatched'> | undefined;
  config: ResolvedConfig;
  /** minCellSize for cost-effectiveness: config.minCellSize, or 0 without disclosure control. */
  ownMinCellSize: number;
  /** Composition replicates another thread may help with (helpWithSections); none: all computed here. */
  compositionSharing?: CompositionSharing;
  /** Cost-effectiveness replicates another thread may help with; none: all computed here. */
  costEffectivenessSharing?: CostEffectivenessSharing;
}

export interface SectionsOutput {
  composition: CompositionResult;
  costEffectiveness: CostEffectivenessRun | undefined;
}

export function analysisSections(input: SectionsInput): SectionsOutput {
  const { participants, panel, groups, costs, config } = input;
  return {
    composition: estimateComposition(compositionInput(input), input.compositionSharing),
    costEffectiveness: costs ? costEffectivenessFromCosts(costs, participants, panel, groups, costConfig(input), input.costEffectivenessSharing) : undefined,
  };
}

function costConfig(input: SectionsInput) {
  return { ...input.config, minCellSize: input.ownMinCellSize };
}

function compositionInput({ participants, panel, config }: SectionsInput): CompositionInput {
  return { panel, arm: participants.arm, block: participants.block.codes, blockCount: participants.block.levels.length, config };
}

/**
 * Shared memory for the replicates of the sections a worker computes, so
 * that this thread can help (helpWithSections): at 100,000 persons and more
 * the worker's composition outlasts the main estimate, and the main thread
 * would otherwise wait with a core idle.
 */
export function sectionsSharing(input: SectionsInput): Pick<SectionsInput, 'compositionSharing' | 'costEffectivenessSharing'> {
  const B = input.config.bootstrap.replicates;
  const A = input.config.arms.length;
  const shared = (numbers: number) => new Float64Array(new SharedArrayBuffer(numbers * Float64Array.BYTES_PER_ELEMENT));
  const compositionSharing = { counters: replicateCounters(), shares: shared(statusShareCells(A, input.panel.months.length) * B) };
  if (!input.costs) return { compositionSharing };
  const cells = costEffectivenessCells(input.groups.labels.length, A);
  return { compositionSharing, costEffectivenessSharing: { counters: replicateCounters(), meanCost: shared(cells * B), workMonths: shared(cells * B), share: shared(cells * B) } };
}

/**
 * Takes replicates the worker has not reached, the composition's (which it
 * computes first) and then the cost-effectiveness's; the results are the
 * same whoever computes them.
 */
export function helpWithSections(input: SectionsInput): void {
  if (input.compositionSharing) helpWithComposition(compositionInput(input), input.compositionSharing);
  if (input.costs && input.costEffectivenessSharing) {
    helpWithCostEffectivenessFromCosts(input.costs, input.participants, input.panel, input.groups, costConfig(input), input.costEffectivenessSharing);
  }
}

/** The panel reduced to one outcome (and the statuses): a small copy to send to the worker. */
export function primaryOutcomePanel(panel: Panel, outcome: string): Panel {
  const o = panel.outcomes.indexOf(outcome);
  if (o < 0) throw new RangeError(`outcome ${outcome} is not in the panel`);
  const O = panel.outcomes.length;
  const T = panel.months.length;
  const values = new Uint8Array(panel.persons * T);
  for (let p = 0; p < panel.persons; p++) values.set(panel.values.subarray((p * O + o) * T, (p * O + o + 1) * T), p * T);
  return { persons: panel.persons, outcomes: [outcome], months: panel.months, values, status: panel.status, censored: panel.censored };
}
