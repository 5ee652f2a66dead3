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
  // Per (arm, block): both arms' weights and their sum, or blockWeight 0 where
  // the block is left out; per arm, the total weight. They depend on the
  // persons only, so a month with the previous month's persons reuses them.
  const weightTreated = new Float64Array(arms * blocks);
  const weightControl = new Float64Array(arms * blocks);
  const blockWeight = new Float64Array(arms * blocks);
  const included = new Uint8Array(arms * blocks);
  const total = new Float64Array(arms);
  return {
    readsOnlyOutcomeSumsWhenSame: true,
    solve(rows, offset, s, t, _arm, _weight, out, samePersons) {
      if (!samePersons) {
        for (let a = 0; a < arms; a++) {
          if (a === reference) continue;
          let sum = 0;
          for (let k = 0; k < blocks; k++) {
            const treated = offset + (k * arms + a) * group;
            const control = offset + (k * arms + reference) * group;
            const at = a * blocks + k;
            included[at] = rows[treated] > 0.5 && rows[control] > 0.5 ? 1 : 0;
            if (included[at] === 0) continue;
            weightTreated[at] = rows[treated + 1];
            weightControl[at] = rows[control + 1];
            blockWeight[at] = weightTreated[at] + weightControl[at];
            sum += blockWeight[at];
          }
          total[a] = sum;
        }
      }
      for (let o = 0; o < outcomes; o++) {
        const values = offset + valueBase + o * blocks * arms;
        for (let a = 0; a < arms; a++) {
          const cell = cellIndex(shape, o, s, a, t);
          if (a === reference) {
            out[cell] = NaN;
            continue;
          }
          let sum = 0;
          for (let k = 0; k < blocks; k++) {
            const at = a * blocks + k;
            if (included[at] === 0) continue;
            const difference = rows[values + k * arms + a] / weightTreated[at] - rows[values + k * arms + reference] / weightControl[at];
            sum += blockWeight[at] * difference;
          }
          out[cell] = total[a] > 0 ? sum / total[a] : NaN;
        }
      }
    },
  };
}
