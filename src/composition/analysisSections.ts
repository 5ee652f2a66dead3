/**
 * The sections computed beside the main estimate from the same bootstrap
 * design: composition of work and cost-effectiveness. They need nothing
 * from the main estimate, so runAnalysis hands them to a worker thread that
 * runs while the main thread estimates (and then checks balance): on two
 * cores the run takes about as long as without them. The worker computes
 * exactly analysisSections(), so the results are the same with or without
 * it, whatever the number of threads.
 *
 * The worker runs the compiled module (dist/…/sectionsWorker.js); from the
 * TypeScript sources (the tests) there is none and the sections are
 * computed in line, as they are when a worker cannot start or fails. Lives
 * beside the composition, its largest part; it is wiring and could as well
 * sit in src/pipeline/.
 */
import { workerModule } from '../files/distFile.js';
import { startWorker, type OneShotWorker } from '../threads/oneShotWorker.js';
import type { ResolvedConfig } from '../config/types.js';
import { costEffectivenessFromCosts, type CostEffectivenessRun } from '../costEffectiveness/costEffectivenessFromCosts.js';
import type { SubgroupLayout } from '../estimate/layout.js';
import type { Panel } from '../panel/buildPanel.js';
import type { Costs } from '../read/costs.js';
import type { Participants } from '../read/participants.js';
import { estimateComposition, type CompositionResult } from './estimateComposition.js';

export interface SectionsInput {
  participants: Pick<Participants, 'arm' | 'block'>;
  /** The panel with the primary outcome only (primaryOutcomePanel): all the sections read. */
  panel: Panel;
  groups: SubgroupLayout;
  costs: Pick<Costs, 'perPerson' | 'perArm' | 'unmatched'> | undefined;
  config: ResolvedConfig;
  /** minCellSize for cost-effectiveness: config.minCellSize, or 0 without disclosure control. */
  ownMinCellSize: number;
}

export interface SectionsOutput {
  composition: CompositionResult;
  costEffectiveness: CostEffectivenessRun | undefined;
}

export function analysisSections(input: SectionsInput): SectionsOutput {
  const { participants, panel, groups, costs, config } = input;
  const design = { arm: participants.arm, block: participants.block.codes, blockCount: participants.block.levels.length };
  return {
    composition: estimateComposition({ panel, ...design, config }),
    costEffectiveness: costs ? costEffectivenessFromCosts(costs, participants, panel, groups, { ...config, minCellSize: input.ownMinCellSize }) : undefined,
  };
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

export type SectionsWorker = OneShotWorker<SectionsInput, SectionsOutput>;

/** A worker that has started loading its modules; null where there is no compiled worker module. */
export function sectionsWorker(): SectionsWorker | null {
  return startWorker<SectionsInput, SectionsOutput>(workerModule('composition/sectionsWorker.js'), 'analysis sections');
}
