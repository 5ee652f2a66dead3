/**
 * The replicate evaluator: every effect estimate of a design (all outcomes,
 * subgroup levels, arms and months) for one set of person weights and arm
 * labels, the inner step of the bootstrap (weights = multiplicities) and of
 * randomization inference (permuted labels). Called thousands of times per
 * run, so it never builds a design matrix: one pass over the persons
 * accumulates each row set's sufficient statistics (sufficientStatistics.ts),
 * and each row set is then solved from them (blockedSolver.ts, olsSolver.ts,
 * linSolver.ts). Weights act exactly as duplicated rows; any positive
 * weight is allowed, and a weight that is 0, negative or NaN leaves the
 * person out.
 *
 * Rules where R would alias columns (details in the solvers' comments):
 *  - ols drops a column that is a combination of earlier ones in the order
 *    blocks, arm dummies, covariates; an aliased arm dummy (an arm that
 *    shares no block with another arm in the row set) gives NaN.
 *  - lin leaves out of a row set every block in which an arm present in the
 *    row set has nobody (with all arms' persons of that block), and gives a
 *    covariate aliased within an arm's fit slope 0 in that arm.
 *
 * Covariates are shifted once (shiftedCovariates.ts), which changes no arm
 * coefficient.
 */
import { createBlockedSolver } from './blockedSolver.js';
import { effectCellCount, type EffectDesign, type EstimatorName } from './effectDesign.js';
import { createLinSolver, levelBlockPersons } from './linSolver.js';
import { createOlsSolver } from './olsSolver.js';
import { findPersonRuns } from './personRuns.js';
import { createRowSetKeys } from './rowSetKeys.js';
import type { CellShape, RowSetSolver } from './rowSetSolver.js';
import { shiftCovariates } from './shiftedCovariates.js';
import { statisticLayout } from './statisticLayout.js';
import { SufficientStatistics } from './sufficientStatistics.js';

export interface EffectEvaluator {
  /** O * S * A * T (effectCellCount). */
  readonly cells: number;
  /**
   * Every effect estimate for person weights `weight` (frequency weights: a
   * bootstrap multiplicity; 0 = left out) and arm labels `arm` (the observed
   * arms, or permuted labels for randomization inference). Writes out[cell]
   * for every effect cell (effectCell layout); NaN for the reference arm's
   * cells and where an effect is not estimable. Allocates nothing.
   */
  evaluate(arm: Uint8Array, weight: Float64Array, out: Float64Array): void;
}

export function createEffectEvaluator(design: EffectDesign, estimator: EstimatorName): EffectEvaluator {
  checkDesign(design);
  const regression = estimator === 'ols' || estimator === 'lin';
  const usesBlocks = estimator !== 'diff';
  const blocks = usesBlocks ? Math.max(1, design.blocks) : 1;
  const block = usesBlocks ? design.block : new Int32Array(design.persons);
  const covariateCount = regression ? design.covariateCount : 0;
  const covariates = shiftCovariates(regression ? design.covariates : new Float64Array(0), design.persons, covariateCount);
  const subgroups = design.groups.labels.length;
  const { arms, outcomes, months, persons } = design;
  const layout = statisticLayout(arms, blocks, covariateCount, outcomes, estimator === 'lin' ? arms : regression ? 1 : 0, estimator === 'ols');
  const shape: CellShape = { outcomes, subgroups, arms, months, reference: design.reference };

  const runs = findPersonRuns(design);
  const keys = createRowSetKeys(design.groups, persons, {
    personWork: (p) => {
      const nonzero = covariates.start[p + 1] - covariates.start[p];
      const observed = 2 * (2 + nonzero + (nonzero * (nonzero + 1)) / 2);
      return observed * (runs.observedStart[p + 1] - runs.observedStart[p]) + 2 * (1 + nonzero) * (runs.valueStart[p + 1] - runs.valueStart[p]);
    },
    statistics: layout.size,
    months,
  });
  let solver: RowSetSolver;
  if (estimator === 'ols') solver = createOlsSolver(layout, shape);
  else if (estimator === 'lin') {
    const index = levelBlockPersons(design.groups.memberships, design.groups.slots, subgroups, block, blocks);
    solver = createLinSolver({ layout, shape, persons: index, covariates: covariates.dense, values: design.values });
  } else solver = createBlockedSolver(layout, shape);

  const cells = effectCellCount(design);
  const samePersons = samePersonsAsPreviousMonth(design);
  const observedMonths = solver.readsOnlyOutcomeSumsWhenSame ? monthsWithNewPersons(samePersons, subgroups, months) : null;
  const statistics = new SufficientStatistics({ layout, runs, keys, block, covariates, persons, months, subgroups, observedMonths });
  return {
    cells,
    evaluate(arm, weight, out) {
      if (arm.length !== persons || weight.length !== persons) {
        throw new RangeError(`evaluate: expected ${persons} arm labels and weights, got ${arm.length} and ${weight.length}`);
      }
      if (out.length < cells) throw new RangeError(`evaluate: out holds ${out.length} numbers, needs ${cells}`);
      statistics.accumulate(arm, weight);
      const rows = statistics.rows;
      for (let s = 0; s < subgroups; s++) {
        for (let t = 0; t < months; t++) solver.solve(rows, (s * months + t) * layout.size, s, t, arm, weight, out, samePersons[s * months + t] === 1);
      }
    },
  };
}

/**
 * 1 where the row set of (level s, month t) holds the same persons as
 * (s, t − 1) whatever the weights and labels: nobody of the level changes
 * from observed to censored or back between the two months.
 */
export function samePersonsAsPreviousMonth(d: EffectDesign): Uint8Array {
  const { months: T, outcomes: O, groups } = d;
  const same = new Uint8Array(groups.labels.length * T);
  for (let s = 0; s < groups.labels.length; s++) for (let t = 1; t < T; t++) same[s * T + t] = 1;
  for (let p = 0; p < d.persons; p++) {
    for (let t = 1; t < T; t++) {
      if (Number.isNaN(d.values[p * O * T + t]) === Number.isNaN(d.values[p * O * T + t - 1])) continue;
      for (let k = 0; k < groups.slots; k++) {
        const s = groups.memberships[p * groups.slots + k];
        if (s >= 0) same[s * T + t] = 0;
      }
    }
  }
  return same;
}

/** 1 for month 0 and for each month where some row set's persons differ from the previous month's. */
export function monthsWithNewPersons(samePersons: Uint8Array, subgroups: number, months: number): Uint8Array {
  const changed = new Uint8Array(months);
  changed[0] = 1;
  for (let s = 0; s < subgroups; s++) for (let t = 1; t < months; t++) if (samePersons[s * months + t] === 0) changed[t] = 1;
  return changed;
}

/** Rejects a design whose arrays do not fit its counts, before they are indexed blindly. */
export function checkDesign(d: EffectDesign): void {
  const fail = (what: string) => {
    throw new Error(`effect design: ${what}`);
  };
  if (!(d.arms >= 2 && d.arms <= 256)) fail(`${d.arms} arms (2 to 256 supported)`);
  if (!(d.reference >= 0 && d.reference < d.arms)) fail(`reference arm ${d.reference} outside 0 … ${d.arms - 1}`);
  if (d.arm.length !== d.persons || d.block.length !== d.persons) fail('arm and block need one entry per person');
  const blocks = Math.max(1, d.blocks);
  for (let p = 0; p < d.persons; p++) if (!(d.block[p] >= 0 && d.block[p] < blocks)) fail(`block ${d.block[p]} of person ${p} outside 0 … ${blocks - 1}`);
  if (d.covariates.length !== d.persons * d.covariateCount) fail(`covariates hold ${d.covariates.length} numbers, expected ${d.persons} × ${d.covariateCount}`);
  for (let i = 0; i < d.covariates.length; i++) if (!Number.isFinite(d.covariates[i])) fail(`covariate ${i % d.covariateCount} of person ${Math.floor(i / d.covariateCount)} is ${d.covariates[i]}`);
  if (d.values.length !== d.persons * d.outcomes * d.months) fail(`values hold ${d.values.length} numbers, expected ${d.persons} × ${d.outcomes} × ${d.months}`);
  const { slots, memberships, labels } = d.groups;
  if (memberships.length !== d.persons * slots) fail('memberships need `slots` entries per person');
  for (let i = 0; i < memberships.length; i++) if (memberships[i] >= labels.length || memberships[i] < -1) fail(`subgroup index ${memberships[i]} outside −1 … ${labels.length - 1}`);
}
