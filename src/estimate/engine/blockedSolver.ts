/**
 * `diff` and `blocked` from a row set's statistics. Both are the blocked
 * contrast Σ W_k Δ_k / Σ W_k over the blocks where the arm and the
 * reference both have persons, with Δ_k the difference of weighted means and
 * W_k the two arms' weight in block k (estimatr::difference_in_means with
 * blocks, which leaves out blocks without both arms). `diff` is the same
 * with a single block: the plain difference of weighted means, or NaN when
 * either arm has nobody in the row set.
 */
import type { StatisticLayout } from './statisticLayout.js';
import { cellIndex, type CellShape, type RowSetSolver } from './rowSetSolver.js';

export function createBlockedSolver(layout: StatisticLayout, shape: CellShape): RowSetSolver {
  const { arms, blocks, group, valueBase, outcomes } = layout;
  const reference = shape.reference;
  return {
    solve(rows, offset, s, t, _arm, _weight, out) {
      for (let o = 0; o < outcomes; o++) {
        const values = offset + valueBase + o * blocks * arms;
        for (let a = 0; a < arms; a++) {
          const cell = cellIndex(shape, o, s, a, t);
          if (a === reference) {
            out[cell] = NaN;
            continue;
          }
          let sum = 0;
          let total = 0;
          for (let k = 0; k < blocks; k++) {
            const treated = offset + (k * arms + a) * group;
            const control = offset + (k * arms + reference) * group;
            if (!(rows[treated] > 0.5 && rows[control] > 0.5)) continue;
            const weightTreated = rows[treated + 1];
            const weightControl = rows[control + 1];
            const difference = rows[values + k * arms + a] / weightTreated - rows[values + k * arms + reference] / weightControl;
            const blockWeight = weightTreated + weightControl;
            sum += blockWeight * difference;
            total += blockWeight;
          }
          out[cell] = total > 0 ? sum / total : NaN;
        }
      }
    },
  };
}
