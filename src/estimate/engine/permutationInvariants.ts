/**
 * The parts of each row set's `ols` system (olsSolver.ts) that no
 * relabelling changes when every weight is 1: they are sums over all arms.
 * With W_k, S_k and E_k the persons, covariate sums and outcome sums of
 * block k in the row set:
 *
 *   C̃ = Σ c cᵀ − Σ_k S_k S_kᵀ / W_k          (covariates, blocks absorbed)
 *   r̃_o = Σ c y_o − Σ_k S_k E_ok / W_k       (their right-hand sides)
 *
 * and C̃'s factor with the covariates alone (covariates first), for
 * permutationEvaluator.ts's short path. Computed once from one general
 * accumulation, with the subtractions in olsSolver's order so that C̃
 * carries the same rounding as the general solver's.
 */
import { factorAbsorbed } from './absorbedFactor.js';
import type { EffectDesign } from './effectDesign.js';
import type { PersonRuns } from './personRuns.js';
import type { PersonMonths } from './permutationStatistics.js';
import type { RowSetKeys } from './rowSetKeys.js';
import type { ShiftedCovariates } from './shiftedCovariates.js';
import { packed, statisticLayout, type StatisticLayout } from './statisticLayout.js';
import { SufficientStatistics } from './sufficientStatistics.js';

/**
 * A covariate's pivot share (below) counts as clearly kept above this and
 * clearly aliased below DROPPED_SHARE: 1000 times either side of the 1e-9
 * tolerance, far more than the rounding by which two ways of computing a
 * pivot differ. In between, a row set is always solved in full.
 */
export const KEPT_SHARE = 1e-6;
export const DROPPED_SHARE = 1e-12;

/** Row set r = s * T + t; Q = C + O block terms per block. */
export interface Invariants {
  rowSets: number;
  blocks: number;
  covariates: number;
  outcomes: number;
  /** 1 / W_k, 0 for a block with nobody: r * K + k. */
  blockInverse: Float64Array;
  /** S_kj / W_k (q = j < C), then E_ko / W_k (q = C + o): (r * Q + q) * K + k, by block for dot products with the counts. */
  blockTerms: Float64Array;
  /** C̃ after factorAbsorbed's clearing, lower triangle of a C × C square: r * C² + i * C + j. */
  absorbed: Float64Array;
  /** Diagonal of Σ c cᵀ before absorption: r * C + j. */
  unabsorbed: Float64Array;
  /** r̃: (r * O + o) * C + j. */
  covariateRight: Float64Array;
  /** Persons in the row set. */
  total: Float64Array;
  /** factorAbsorbed of C̃ alone (r * C² …) and its kept covariates (r * C + j). */
  covariateFactor: Float64Array;
  covariateKept: Uint8Array;
  /**
   * Pivot of covariate j with only the earlier covariates projected out,
   * over its diagonal in C̃ (0 for a column factorAbsorbed cleared): r * C + j.
   */
  pivotShare: Float64Array;
  /** L⁻¹ r̃ with L the covariate factor: (r * O + o) * C + j. */
  covariateSolved: Float64Array;
  /** 1 when every covariate's pivot share is clearly kept or clearly aliased. */
  settled: Uint8Array;
}

/**
 * `keys`: any bucketing of the persons (rowSetKeys.ts); the caller's, so
 * that it is worked out once. `samePersons`: effectEvaluator's
 * samePersonsAsPreviousMonth. A row set with its previous month's persons
 * has that month's counts and covariate sums to the last bit
 * (permutationStatistics.ts), so everything here but the outcome parts is
 * copied from it instead of worked out again, and the accumulation writes
 * the person sums only in the months where some row set's persons change.
 */
export function computeInvariants(design: EffectDesign, covariates: ShiftedCovariates, runs: PersonRuns, keys: RowSetKeys, blocks: number, samePersons: Uint8Array, personMonths: PersonMonths): Invariants {
  const { arms, outcomes, persons } = design;
  const c = design.covariateCount;
  const subgroups = design.groups.labels.length;
  const rowSets = subgroups * design.months;
  const layout = statisticLayout(arms, blocks, c, outcomes, 1);
  const statistics = new SufficientStatistics({
    layout,
    runs,
    keys,
    block: design.block,
    covariates,
    persons,
    months: design.months,
    subgroups,
    observedMonths: personMonths.newPersons,
  });
  statistics.accumulate(design.arm, new Float64Array(persons).fill(1));
  const rows = statistics.rows;
  const q = c + outcomes;

  const invariants: Invariants = {
    rowSets,
    blocks,
    covariates: c,
    outcomes,
    blockInverse: new Float64Array(rowSets * blocks),
    blockTerms: new Float64Array(rowSets * blocks * q),
    absorbed: new Float64Array(rowSets * c * c),
    unabsorbed: new Float64Array(rowSets * c),
    covariateRight: new Float64Array(rowSets * outcomes * c),
    total: new Float64Array(rowSets),
    covariateFactor: new Float64Array(rowSets * c * c),
    covariateKept: new Uint8Array(rowSets * c),
    pivotShare: new Float64Array(rowSets * c),
    covariateSolved: new Float64Array(rowSets * outcomes * c),
    settled: new Uint8Array(rowSets),
  };
  const scratch: Scratch = {
    blockSums: new Float64Array(blocks * c),
    square: new Float64Array(c * c),
    diagonal: new Float64Array(c),
    factor: new Float64Array(c * c),
    kept: new Uint8Array(c),
    right: new Float64Array(c),
    solved: new Float64Array(c),
  };
  for (let r = 0; r < rowSets; r++) {
    if (samePersons[r] === 1) copyPersonParts(invariants, r);
    else personParts(invariants, layout, rows, r, scratch);
    outcomeParts(invariants, layout, rows, r, scratch);
  }
  return invariants;
}

/** computeInvariants' working arrays; those of the last row set with new persons hold for the row sets after it with the same persons. */
interface Scratch {
  /** S_k per block: k * C + j. */
  blockSums: Float64Array;
  /** C̃ being formed, then cleared by factorAbsorbed; the diagonal before absorption. */
  square: Float64Array;
  diagonal: Float64Array;
  /** C̃'s factor and kept covariates. */
  factor: Float64Array;
  kept: Uint8Array;
  right: Float64Array;
  solved: Float64Array;
}

/** Row set r's parts that depend on its persons alone: block sizes, covariate terms, C̃ and its factor. */
function personParts(invariants: Invariants, layout: StatisticLayout, rows: Float64Array, r: number, scratch: Scratch): void {
  const { blocks, covariates: c, outcomes } = invariants;
  const { arms, group, crossBase } = layout;
  const { blockSums, square, diagonal, factor, kept } = scratch;
  const q = c + outcomes;
  const offset = r * layout.size;
  square.fill(0);
  for (let i = 0; i < c; i++) {
    for (let j = 0; j <= i; j++) square[i * c + j] = rows[offset + crossBase + packed(i, j)];
    diagonal[i] = rows[offset + crossBase + packed(i, i)];
  }
  blockSums.fill(0);
  let total = 0;
  for (let k = 0; k < blocks; k++) {
    let count = 0;
    let weight = 0;
    for (let g = 0; g < arms; g++) {
      const at = offset + (k * arms + g) * group;
      count += rows[at];
      weight += rows[at + 1];
      for (let j = 0; j < c; j++) blockSums[k * c + j] += rows[at + 2 + j];
    }
    total += count;
    if (!(count > 0.5)) continue;
    const inverse = 1 / weight;
    invariants.blockInverse[r * blocks + k] = inverse;
    const terms = r * q * blocks + k;
    for (let i = 0; i < c; i++) {
      const mean = blockSums[k * c + i] * inverse;
      invariants.blockTerms[terms + i * blocks] = mean;
      if (mean === 0) continue;
      for (let j = 0; j <= i; j++) square[i * c + j] -= mean * blockSums[k * c + j];
    }
  }
  invariants.total[r] = total;

  // factorAbsorbed clears in place the columns that absorption emptied, as the full system's.
  factorAbsorbed(square, diagonal, c, factor, kept);
  invariants.absorbed.set(square, r * c * c);
  invariants.unabsorbed.set(diagonal, r * c);
  invariants.covariateFactor.set(factor, r * c * c);
  invariants.covariateKept.set(kept, r * c);
  let settled = 1;
  for (let j = 0; j < c; j++) {
    const original = square[j * c + j];
    let pivot = original;
    for (let k = 0; k < j; k++) if (kept[k]) pivot -= factor[j * c + k] * factor[j * c + k];
    const share = original > 0 ? pivot / original : 0;
    invariants.pivotShare[r * c + j] = share;
    if (kept[j] ? !(share > KEPT_SHARE) : share > DROPPED_SHARE) settled = 0;
  }
  invariants.settled[r] = settled;
}

/** Row set r's outcome parts: E_ok / W_k, r̃ and L⁻¹ r̃, with the person parts of r in `scratch`. */
function outcomeParts(invariants: Invariants, layout: StatisticLayout, rows: Float64Array, r: number, scratch: Scratch): void {
  const { blocks, covariates: c, outcomes } = invariants;
  const { arms, valueBase, valueCrossBase } = layout;
  const { blockSums, factor, kept, right, solved } = scratch;
  const q = c + outcomes;
  const offset = r * layout.size;
  for (let k = 0; k < blocks; k++) {
    // 1 / W_k is 0 exactly for a block with nobody (every weight is 1), whose terms stay 0.
    const inverse = invariants.blockInverse[r * blocks + k];
    if (inverse === 0) continue;
    for (let o = 0; o < outcomes; o++) {
      let events = 0;
      for (let g = 0; g < arms; g++) events += rows[offset + valueBase + (o * blocks + k) * arms + g];
      invariants.blockTerms[(r * q + c + o) * blocks + k] = events * inverse;
    }
  }
  for (let o = 0; o < outcomes; o++) {
    for (let j = 0; j < c; j++) {
      let value = rows[offset + valueCrossBase + o * c + j];
      for (let k = 0; k < blocks; k++) value -= blockSums[k * c + j] * invariants.blockTerms[(r * q + c + o) * blocks + k];
      invariants.covariateRight[(r * outcomes + o) * c + j] = value;
    }
  }
  for (let o = 0; o < outcomes; o++) {
    for (let j = 0; j < c; j++) right[j] = invariants.covariateRight[(r * outcomes + o) * c + j];
    forwardSolve(factor, 0, kept, 0, c, right, solved);
    invariants.covariateSolved.set(solved, (r * outcomes + o) * c);
  }
}

/** Row set r's parts that depend on its persons alone, from row set r − 1 (the same persons). */
function copyPersonParts(invariants: Invariants, r: number): void {
  const { blocks, covariates: c, outcomes } = invariants;
  const q = c + outcomes;
  const copy = (array: Float64Array | Uint8Array, length: number) => array.copyWithin(r * length, (r - 1) * length, r * length);
  copy(invariants.blockInverse, blocks);
  // The covariates' terms S_kj / W_k, not the outcomes' after them.
  invariants.blockTerms.copyWithin(r * q * blocks, (r - 1) * q * blocks, ((r - 1) * q + c) * blocks);
  copy(invariants.absorbed, c * c);
  copy(invariants.unabsorbed, c);
  copy(invariants.covariateFactor, c * c);
  copy(invariants.covariateKept, c);
  copy(invariants.pivotShare, c);
  invariants.total[r] = invariants.total[r - 1];
  invariants.settled[r] = invariants.settled[r - 1];
}

/**
 * L x = b over the kept columns of a factor from factorSkipping (0 for the
 * others), the factor at l[at …] and its kept flags at kept[keptAt …]:
 * the first half of solveFactored, all the covariate-first path needs
 * (coordinates in the covariates' orthonormal basis).
 */
export function forwardSolve(l: Float64Array, at: number, kept: Uint8Array, keptAt: number, p: number, b: Float64Array, x: Float64Array): void {
  for (let i = 0; i < p; i++) {
    if (!kept[keptAt + i]) {
      x[i] = 0;
      continue;
    }
    let sum = b[i];
    for (let k = 0; k < i; k++) if (kept[keptAt + k]) sum -= l[at + i * p + k] * x[k];
    x[i] = sum / l[at + i * p + i];
  }
}
