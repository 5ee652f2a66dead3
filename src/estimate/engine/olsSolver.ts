/**
 * `ols` from a row set's statistics: the arm coefficients of the weighted
 * least squares fit y ~ arm + block + covariates over every arm's persons
 * (estimatr::lm_robust). The block fixed effects are absorbed (Frisch–Waugh:
 * M = Σ w z zᵀ − Σ_k S_k S_kᵀ / W_k over the blocks with persons, z = the
 * non-reference arm dummies then the covariates, S_k = Σ_{i∈k} w z), so the
 * system solved is (A − 1 + C)² whatever the number of blocks, and the rows
 * of its inverse for the arm dummies serve every outcome of the row set.
 *
 * Aliasing follows R's lm (a column that is a combination of earlier ones is
 * dropped) in the order blocks, arms, covariates, which differs from lm's
 * order (arms before blocks) only when an arm's dummy lies in the span of the
 * block indicators, i.e. the arm never shares a block with another arm in
 * the row set: lm would then keep the arm and drop a block, giving a
 * between-block contrast; here the arm is aliased and its effect NaN.
 * Hand-coded: the point is to solve from accumulated statistics without
 * forming the n × p design, which no regression library offers.
 */
import { solveFactored } from '../regression/cholesky.js';
import { factorAbsorbed } from './absorbedFactor.js';
import { cellIndex, markPresentArms, writeNotEstimable, type CellShape, type RowSetSolver } from './rowSetSolver.js';
import { packed, type StatisticLayout } from './statisticLayout.js';

export function createOlsSolver(layout: StatisticLayout, shape: CellShape): RowSetSolver {
  const { arms, blocks, group, crossBase, valueBase, valueStride, valueCrossBase, outcomes } = layout;
  if (!layout.valueTotals) throw new Error('createOlsSolver: the statistics need the outcome sums as block and arm totals (valueTotals)');
  const c = layout.covariates;
  const reference = shape.reference;
  const armColumns = arms - 1;
  const p = armColumns + c;
  const columnOf = (g: number) => (g < reference ? g : g - 1);

  const m = new Float64Array(p * p);
  const l = new Float64Array(p * p);
  const kept = new Uint8Array(p);
  const unabsorbed = new Float64Array(p);
  /** S_k of every block, and 1 / W_k (0 for a block with nobody). */
  const blockSums = new Float64Array(blocks * p);
  const blockInverse = new Float64Array(blocks);
  /** Row of M⁺ for each arm column, and its products with S_k and with Σ w z y. */
  const armRows = new Float64Array(armColumns * p);
  const armRowSums = new Float64Array(armColumns * blocks);
  const unit = new Float64Array(p);
  const solution = new Float64Array(p);
  const present = new Uint8Array(arms);
  /** The arms whose effect the current row set estimates, and the others but the reference. */
  const estimated = new Int32Array(arms);
  let estimatedCount = 0;
  const unestimated = new Int32Array(arms);
  let unestimatedCount = 0;
  // Consecutive months of a subgroup level usually hold the same persons
  // (nobody censored in between): then everything but the outcome sums is
  // equal, and the absorbed factor and arm rows of the previous month serve.
  let previousUsable = false;

  return {
    readsOnlyOutcomeSumsWhenSame: true,
    solve(rows, offset, s, t, _arm, _weight, out, samePersons) {
      if (samePersons) {
        // The previous month's persons: estimable exactly when it was.
        if (previousUsable) writeOutcomes(rows, offset, s, t, out);
        else writeNotEstimable(shape, s, t, out);
        return;
      }
      previousUsable = false;
      if (!markPresentArms(rows, offset, layout, reference, present)) {
        writeNotEstimable(shape, s, t, out);
        return;
      }
      previousUsable = true;

      // Σ w z zᵀ before absorption (lower triangle).
      m.fill(0);
      for (let g = 0; g < arms; g++) {
        if (g === reference) continue;
        const column = columnOf(g);
        let weightSum = 0;
        for (let k = 0; k < blocks; k++) {
          const at = offset + (k * arms + g) * group;
          weightSum += rows[at + 1];
          for (let j = 0; j < c; j++) m[(armColumns + j) * p + column] += rows[at + 2 + j];
        }
        m[column * p + column] = weightSum;
      }
      for (let i = 0; i < c; i++) {
        for (let j = 0; j <= i; j++) m[(armColumns + i) * p + armColumns + j] = rows[offset + crossBase + packed(i, j)];
      }
      for (let i = 0; i < p; i++) unabsorbed[i] = m[i * p + i];

      // Absorb the block fixed effects.
      blockSums.fill(0);
      for (let k = 0; k < blocks; k++) {
        let count = 0;
        let blockWeight = 0;
        const sum = k * p;
        for (let g = 0; g < arms; g++) {
          const at = offset + (k * arms + g) * group;
          count += rows[at];
          blockWeight += rows[at + 1];
          if (g !== reference) blockSums[sum + columnOf(g)] = rows[at + 1];
          for (let j = 0; j < c; j++) blockSums[sum + armColumns + j] += rows[at + 2 + j];
        }
        if (!(count > 0.5)) {
          blockInverse[k] = 0;
          continue;
        }
        const inverse = 1 / blockWeight;
        blockInverse[k] = inverse;
        for (let i = 0; i < p; i++) {
          const factor = blockSums[sum + i] * inverse;
          if (factor === 0) continue;
          for (let j = 0; j <= i; j++) m[i * p + j] -= factor * blockSums[sum + j];
        }
      }
      factorAbsorbed(m, unabsorbed, p, l, kept);

      // An arm's coefficient is (row of M⁺) · (Σ w z y − Σ_k ȳ_k S_k): with the
      // rows and their products with S_k at hand, each outcome costs O(K + p).
      for (let a = 0; a < armColumns; a++) {
        if (!kept[a]) continue;
        unit.fill(0);
        unit[a] = 1;
        solveFactored(l, kept, p, unit, solution);
        for (let i = 0; i < p; i++) armRows[a * p + i] = solution[i];
        for (let k = 0; k < blocks; k++) {
          let product = 0;
          for (let i = 0; i < p; i++) product += armRows[a * p + i] * blockSums[k * p + i];
          armRowSums[a * blocks + k] = product * blockInverse[k];
        }
      }
      estimatedCount = 0;
      unestimatedCount = 0;
      for (let a = 0; a < arms; a++) {
        if (a === reference) continue;
        if (present[a] && kept[columnOf(a)]) estimated[estimatedCount++] = a;
        else unestimated[unestimatedCount++] = a;
      }
      writeOutcomes(rows, offset, s, t, out);
    },
  };

  /**
   * An arm's coefficient from each outcome's Σ w y by block and by arm
   * (valueTotals): (row of M⁺) · (Σ w z y) − Σ_k (row · S_k / W_k) Σ_{i∈k} w y.
   * Arms go in pairs through one loop: each sum is added in the order of a
   * single arm's, but the two chains of dependent additions overlap, and
   * these chains, not the arithmetic, set the pace.
   */
  function writeOutcomes(rows: Float64Array, offset: number, s: number, t: number, out: Float64Array): void {
    for (let o = 0; o < outcomes; o++) {
      const blockTotals = offset + valueBase + o * valueStride;
      const armTotals = blockTotals + blocks;
      const valueCross = offset + valueCrossBase + o * c;
      out[cellIndex(shape, o, s, reference, t)] = NaN;
      for (let i = 0; i < unestimatedCount; i++) out[cellIndex(shape, o, s, unestimated[i], t)] = NaN;
      for (let i = 0; i < estimatedCount; i += 2) {
        const first = estimated[i];
        // An odd arm out is paired with itself: its second chain costs next to nothing beside the first.
        const second = estimated[Math.min(i + 1, estimatedCount - 1)];
        const row1 = columnOf(first) * p;
        const row2 = columnOf(second) * p;
        let estimate1 = 0;
        let estimate2 = 0;
        for (let j = 0; j < c; j++) {
          const y = rows[valueCross + j];
          estimate1 += armRows[row1 + armColumns + j] * y;
          estimate2 += armRows[row2 + armColumns + j] * y;
        }
        for (let g = 0; g < arms; g++) {
          if (g === reference) continue;
          const y = rows[armTotals + g];
          estimate1 += armRows[row1 + columnOf(g)] * y;
          estimate2 += armRows[row2 + columnOf(g)] * y;
        }
        const sums1 = columnOf(first) * blocks;
        const sums2 = columnOf(second) * blocks;
        for (let k = 0; k < blocks; k++) {
          const y = rows[blockTotals + k];
          estimate1 -= armRowSums[sums1 + k] * y;
          estimate2 -= armRowSums[sums2 + k] * y;
        }
        out[cellIndex(shape, o, s, first, t)] = estimate1;
        out[cellIndex(shape, o, s, second, t)] = estimate2;
      }
    }
  }
}

