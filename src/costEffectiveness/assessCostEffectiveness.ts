/**
 * Cost-effectiveness (methods.md): for every subgroup and non-reference arm,
 * incremental cost, incremental person-months in the primary outcome over
 * months 1 … M, the difference in the share at the primary month, the ICER,
 * net monetary benefit and the acceptability curve, all from the main
 * bootstrap's replicates (personResampling.ts draws replicate b's counts of
 * the primary outcome's groups as the main bootstrap does).
 *
 * The ICER (SEK per additional work-month) is given only when the interval
 * of Δwork-months excludes zero: otherwise the ratio can be any size and
 * either sign, and is "not meaningful". Its own interval is the percentile
 * interval of the replicate ratios when every replicate's Δwork-months has
 * the sign of the estimate (else null: the CEAC carries the uncertainty).
 *
 * Disclosure control: cost values are withheld when a cell has fewer than
 * minCellSize persons with a cost; work-month values when a monthly share of
 * the arm or the reference is a small cell (the sum of the monthly shares,
 * with the others published, would give it away).
 */
import type { ResolvedConfig } from '../config/types.js';
import { isSmallCell } from '../estimate/disclosure.js';
import { drawGroupCounts, GroupCounts } from '../estimate/groupMultinomial.js';
import type { SubgroupLayout } from '../estimate/layout.js';
import { percentileInterval, type Interval } from '../estimate/percentile.js';
import type { Panel } from '../panel/buildPanel.js';
import { RandomStream } from '../random/stream.js';
import type { CostEffectivenessRow, CostEffectivenessSection } from '../results.js';
import { acceptabilityCurve, ceacValues } from './ceac.js';
import { CellStatistics, type CellValues } from './cellStatistics.js';
export { costEffectivenessCells } from './cellStatistics.js';
import { resamplingGroups, ResampledCosts } from './personResampling.js';
import { allReplicates, awaitAllWritten, claimsLeft, sharedClaims } from '../threads/replicateClaims.js';

export interface CostEffectivenessInput {
  panel: Panel;
  arm: Uint8Array;
  block: Int32Array;
  blockCount: number;
  groups: SubgroupLayout;
  /** SEK per person, NaN where unknown (personCosts). */
  cost: Float64Array;
  costSource: 'person' | 'arm';
  config: Pick<ResolvedConfig, 'arms' | 'reference' | 'bootstrap' | 'minCellSize' | 'primaryOutcome' | 'primaryMonth' | 'followUpMonths' | 'valuePerWorkMonth'>;
  /** Replicates another thread may help with (helpWithCostEffectiveness); none: all computed here. */
  sharing?: CostEffectivenessSharing;
}

/**
 * The replicates in shared memory (replicateClaims.ts): counters, and each
 * series with costEffectivenessCells × B numbers, laid out as
 * CostEffectivenessReplicates's.
 */
export interface CostEffectivenessSharing {
  counters: Int32Array;
  meanCost: Float64Array;
  workMonths: Float64Array;
  share: Float64Array;
}

export interface CostEffectivenessReplicates {
  point: CellValues;
  replicates: number;
  cells: number;
  /** Replicate b of cell c at [b · cells + c]: each replicate writes one contiguous run. */
  meanCost: Float64Array;
  workMonths: Float64Array;
  share: Float64Array;
}

/** The cell values for the data and for every bootstrap replicate (with input.sharing: also those another thread took). */
export function costEffectivenessReplicates(input: CostEffectivenessInput): CostEffectivenessReplicates {
  return replicatesOf(input, true)!;
}

/** Computes replicates of input.sharing that no thread has taken yet, for the thread that owns it (costEffectivenessReplicates). */
export function helpWithCostEffectiveness(input: CostEffectivenessInput & { sharing: CostEffectivenessSharing }): void {
  if (claimsLeft(input.sharing.counters, input.config.bootstrap.replicates)) replicatesOf(input, false);
}

function replicatesOf(input: CostEffectivenessInput, owner: boolean): CostEffectivenessReplicates | null {
  const { config, panel, sharing } = input;
  const outcome = panel.outcomes.indexOf(config.primaryOutcome);
  const groups = resamplingGroups({ panel, outcome, arm: input.arm, block: input.block, blockCount: input.blockCount, arms: config.arms.length, groups: input.groups });
  const statistics = new CellStatistics(
    {
      panel,
      outcome,
      arm: input.arm,
      arms: config.arms.length,
      groups: input.groups,
      cost: input.cost,
      followUpMonths: config.followUpMonths,
      primaryMonth: config.primaryMonth,
    },
    groups,
  );
  const costs = new ResampledCosts(groups, input.cost);
  costs.all();
  const point = statistics.allocate();
  statistics.evaluate(groups.fine.size, costs, point);

  const B = config.bootstrap.replicates;
  const cells = statistics.cells;
  if (sharing && sharing.meanCost.length !== cells * B) throw new RangeError(`cost-effectiveness sharing holds ${sharing.meanCost.length} numbers, needs ${cells * B}`);
  const meanCost = sharing ? sharing.meanCost : new Float64Array(cells * B);
  const workMonths = sharing ? sharing.workMonths : new Float64Array(cells * B);
  const share = sharing ? sharing.share : new Float64Array(cells * B);
  const claims = sharing ? sharedClaims(sharing.counters, B) : allReplicates(B);
  const counts = new GroupCounts(groups);
  const rng = new RandomStream(config.bootstrap.seed, 0);
  const replicate = statistics.allocate();
  for (let b = claims.next(); b >= 0; b = claims.next()) {
    drawGroupCounts(groups, config.bootstrap.seed, b, rng, counts);
    costs.draw(counts, config.bootstrap.seed, b, rng);
    statistics.evaluate(counts.fine, costs, replicate);
    meanCost.set(replicate.meanCost, b * cells);
    workMonths.set(replicate.workMonths, b * cells);
    share.set(replicate.share, b * cells);
    claims.done(b);
  }
  if (!owner) return null;
  if (sharing) awaitAllWritten(sharing.counters, B);
  return { point, replicates: B, cells, meanCost, workMonths, share };
}

export function assessCostEffectiveness(input: CostEffectivenessInput, skipArms: readonly string[] = []): CostEffectivenessSection {
  const { config, groups } = input;
  const reps = costEffectivenessReplicates(input);
  const { point } = reps;
  const A = config.arms.length;
  const M = config.followUpMonths;
  const B = reps.replicates;
  const ref = config.arms.indexOf(config.reference);
  const level = config.bootstrap.level;
  const lambda = config.valuePerWorkMonth;
  const scratch = new Float64Array(B);
  const interval = (values: Float64Array): Interval | null => percentileInterval(values, level, scratch);
  const difference = (series: Float64Array, cell: number, refCell: number) => {
    const values = new Float64Array(B);
    for (let b = 0, at = 0; b < B; b++, at += reps.cells) values[b] = series[at + cell] - series[at + refCell];
    return values;
  };

  const costHidden = (cell: number) => point.costPersons[cell] < config.minCellSize;
  const workHidden = (cell: number) => {
    for (let m = 0; m < M; m++) if (isSmallCell(point.monthEvents[cell * M + m], point.monthN[cell * M + m], config.minCellSize)) return true;
    return false;
  };

  const compared = config.arms.map((_, a) => a).filter((a) => a !== ref && !skipArms.includes(config.arms[a]));
  const drafts = groups.labels.flatMap((subgroup, s) =>
    compared.map((a) => {
      const cell = s * A + a;
      const refCell = s * A + ref;
      const dCost = difference(reps.meanCost, cell, refCell);
      const dWork = difference(reps.workMonths, cell, refCell);
      const dShare = difference(reps.share, cell, refCell);
      return {
        subgroup,
        arm: config.arms[a],
        costShown: !costHidden(cell) && !costHidden(refCell) && Number.isFinite(point.meanCost[cell]) && Number.isFinite(point.meanCost[refCell]),
        workShown: !workHidden(cell) && !workHidden(refCell) && Number.isFinite(point.workMonths[cell]) && Number.isFinite(point.workMonths[refCell]),
        cost: point.meanCost[cell],
        referenceCost: point.meanCost[refCell],
        workMonths: point.workMonths[cell],
        referenceWorkMonths: point.workMonths[refCell],
        deltaShare: point.share[cell] - point.share[refCell],
        dCost,
        dWork,
        dShare,
      };
    }),
  );

  // One value grid for every row, from the full sample's ICERs, so the curves share an axis.
  const grid = ceacValues(
    drafts.filter((d) => d.subgroup === 'all' && d.costShown && d.workShown).map((d) => (d.cost - d.referenceCost) / (d.workMonths - d.referenceWorkMonths)),
    lambda,
  );

  const rows = drafts.map((d): CostEffectivenessRow => {
    const deltaCost = d.cost - d.referenceCost;
    const deltaWork = d.workMonths - d.referenceWorkMonths;
    const costCi = d.costShown ? interval(d.dCost) : null;
    const workCi = d.workShown ? interval(d.dWork) : null;
    const shareCi = d.workShown ? interval(d.dShare) : null;
    const both = d.costShown && d.workShown;
    const meaningful = both && workCi !== null && (workCi.low > 0 || workCi.high < 0) && deltaWork !== 0;
    const icer = meaningful ? deltaCost / deltaWork : null;
    const icerCi = meaningful ? ratioInterval(d.dCost, d.dWork, Math.sign(deltaWork), interval) : null;
    const netBenefit = both && lambda !== null ? lambda * deltaWork - deltaCost : null;
    const netCi = netBenefit !== null ? interval(d.dWork.map((e, b) => lambda! * e - d.dCost[b])) : null;
    return {
      subgroup: d.subgroup,
      arm: d.arm,
      reference: config.reference,
      cost: d.costShown ? d.cost : null,
      reference_cost: d.costShown ? d.referenceCost : null,
      delta_cost: d.costShown ? deltaCost : null,
      delta_cost_ci_low: costCi?.low ?? null,
      delta_cost_ci_high: costCi?.high ?? null,
      work_months: d.workShown ? d.workMonths : null,
      reference_work_months: d.workShown ? d.referenceWorkMonths : null,
      delta_work_months: d.workShown ? deltaWork : null,
      delta_work_months_ci_low: workCi?.low ?? null,
      delta_work_months_ci_high: workCi?.high ?? null,
      delta_share: d.workShown ? d.deltaShare : null,
      delta_share_ci_low: shareCi?.low ?? null,
      delta_share_ci_high: shareCi?.high ?? null,
      icer_work_months: icer !== null && Number.isFinite(icer) ? icer : null,
      icer_work_months_ci_low: icerCi?.low ?? null,
      icer_work_months_ci_high: icerCi?.high ?? null,
      icer_meaningful: meaningful,
      net_benefit: netBenefit,
      net_benefit_ci_low: netCi?.low ?? null,
      net_benefit_ci_high: netCi?.high ?? null,
      ceac: both ? acceptabilityCurve(d.dCost, d.dWork, grid) : [],
      suppressed: !both,
    };
  });

  return {
    cost_source: input.costSource,
    value_per_work_month: lambda,
    outcome: config.primaryOutcome,
    months: M,
    primary_month: config.primaryMonth,
    rows,
  };
}

/** Percentile interval of Δcost / Δwork-months when every finite replicate's Δwork-months has `sign`. */
function ratioInterval(dCost: Float64Array, dWork: Float64Array, sign: number, interval: (values: Float64Array) => Interval | null): Interval | null {
  const ratios = new Float64Array(dCost.length);
  for (let b = 0; b < dCost.length; b++) {
    if (!Number.isFinite(dWork[b]) || !Number.isFinite(dCost[b])) {
      ratios[b] = NaN;
      continue;
    }
    if (Math.sign(dWork[b]) !== sign) return null;
    ratios[b] = dCost[b] / dWork[b];
  }
  return interval(ratios);
}
