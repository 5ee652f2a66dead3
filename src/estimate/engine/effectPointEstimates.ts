/**
 * Point estimates of every effect cell (outcome × subgroup level × arm ×
 * month) for one estimator of methods.md, with the analytic SE and the BCa
 * acceleration from boot's stratified jackknife (strata = arm × block over
 * the whole trial, as the bootstrap resamples): L_i = (n_h − 1)(t − t₍₋ᵢ₎),
 * 0 for persons outside the cell's row set, a = Σ L³ / (6 (Σ L²)^{3/2}).
 * t − t₍₋ᵢ₎ comes in closed form (rank-one updates), so a row set costs
 * linear time in its persons, not one refit per person.
 *
 * A row set (subgroup level s, month t) is shared by every outcome observed
 * for the same persons, so the covariate side of `ols` and `lin` (within-
 * block cross products, their factor, leverages) is computed once for all
 * outcomes.
 */
import type { EffectDesign, EstimatorName } from './effectDesign.js';
import { effectCellCount } from './effectDesign.js';
import { PointWorkspace, blockCount, sparseCovariates, type InfluenceVisitor, type RowSetContext } from './pointCommon.js';

export type { InfluenceVisitor } from './pointCommon.js';
import { blockedCells, differenceCells } from './pointDifference.js';
import { linCells } from './pointLin.js';
import { olsCells } from './pointOls.js';

export interface EffectPointEstimates {
  /** Per effect cell (effectCell layout); NaN for reference-arm cells and where not estimable. */
  estimate: Float64Array;
  /** Analytic SE: Neyman for diff, estimatr's for blocked, HC2 for ols and lin. */
  se: Float64Array;
  /** BCa acceleration from the stratified jackknife, in linear time. */
  acceleration: Float64Array;
  /**
   * Σ L² and Σ L³ of each cell's jackknife values, from which `acceleration`
   * is computed; a contrast of cells on disjoint persons (an interaction of
   * two levels of one subgroup variable) adds them.
   */
  influenceSquares: Float64Array;
  influenceCubes: Float64Array;
}

const ESTIMATORS: Record<EstimatorName, (ctx: RowSetContext) => void> = {
  diff: differenceCells,
  blocked: blockedCells,
  ols: olsCells,
  lin: linCells,
};

export function effectPointEstimates(design: EffectDesign, estimator: EstimatorName): EffectPointEstimates {
  return pointEstimates(design, estimator);
}

/**
 * The same, handing every nonzero jackknife value L_i of every cell to
 * `visit` (persons not visited have L_i = 0): for checking them one by one
 * against boot's empinf.
 */
export function effectJackknifeValues(design: EffectDesign, estimator: EstimatorName, visit: InfluenceVisitor): EffectPointEstimates {
  return pointEstimates(design, estimator, visit);
}

function pointEstimates(design: EffectDesign, estimator: EstimatorName, visit?: InfluenceVisitor): EffectPointEstimates {
  const cells = effectCellCount(design);
  const out: EffectPointEstimates = {
    estimate: new Float64Array(cells).fill(NaN),
    se: new Float64Array(cells).fill(NaN),
    acceleration: new Float64Array(cells).fill(NaN),
    influenceSquares: new Float64Array(cells).fill(NaN),
    influenceCubes: new Float64Array(cells).fill(NaN),
  };
  const evaluate = ESTIMATORS[estimator];
  const B = blockCount(design);
  const strata = new Int32Array(design.arms * B);
  for (let p = 0; p < design.persons; p++) strata[design.arm[p] * B + design.block[p]]++;
  const ws = new PointWorkspace();
  const sparse = sparseCovariates(design);
  const P = design.persons;
  const O = design.outcomes;
  const T = design.months;
  const { slots, memberships, labels } = design.groups;
  const members: Int32Array[] = labels.map((_, s) => {
    const list: number[] = [];
    for (let p = 0; p < P; p++) {
      for (let k = 0; k < slots; k++) {
        if (memberships[p * slots + k] === s) {
          list.push(p);
          break;
        }
      }
    }
    return Int32Array.from(list);
  });
  const month = new Float64Array(O * P);
  const allOutcomes = Array.from({ length: O }, (_, o) => o);
  for (let t = 0; t < T; t++) {
    // The data contract has a person-month observed for every outcome or for
    // none; then one pass finds each level's row set for all outcomes.
    let uniform = true;
    for (let p = 0; p < P; p++) {
      const observed = !Number.isNaN(design.values[(p * O) * T + t]);
      for (let o = 0; o < O; o++) {
        const v = design.values[(p * O + o) * T + t];
        month[o * P + p] = v;
        if (Number.isNaN(v) === observed) uniform = false;
      }
    }
    for (let s = 0; s < labels.length; s++) {
      const level = members[s];
      const groups: { rows: Int32Array; outcomes: number[] }[] = [];
      for (let o = 0; o < (uniform ? 1 : O); o++) {
        const y = month.subarray(o * P, (o + 1) * P);
        let count = 0;
        for (let i = 0; i < level.length; i++) if (!Number.isNaN(y[level[i]])) count++;
        const rows = new Int32Array(count);
        for (let i = 0, m = 0; i < level.length; i++) if (!Number.isNaN(y[level[i]])) rows[m++] = level[i];
        const same = groups.find((g) => sameRows(g.rows, rows));
        if (same) same.outcomes.push(o);
        else groups.push({ rows, outcomes: uniform ? allOutcomes : [o] });
      }
      for (const group of groups) evaluate({ design, s, t, rows: group.rows, outcomes: group.outcomes, month, strata, out, ws, sparse, visit });
    }
  }
  return out;
}

function sameRows(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
