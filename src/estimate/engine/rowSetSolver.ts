import type { StatisticLayout } from './statisticLayout.js';

/**
 * Turns one row set's sufficient statistics (statisticLayout.ts) into the
 * effects of every outcome and arm for that subgroup level and month.
 */
export interface RowSetSolver {
  /**
   * With `samePersons`, the solver reads only the outcome sums (from
   * layout.valueBase on): the statistics before them may be left unwritten
   * for such a row set (StatisticSources.observedMonths).
   */
  readonly readsOnlyOutcomeSumsWhenSame: boolean;
  /**
   * Writes out[((o * S + s) * A + a) * T + t] for every outcome o and arm a
   * from the statistics at rows[offset …]; `arm` and `weight` are the
   * replicate's, for a solver that has to revisit persons (lin's left-out
   * blocks). `samePersons`: the row set holds exactly the persons of the
   * previous call's (same level, month t − 1), so everything but the outcome
   * sums is as it was and a solver may reuse what it derived from them.
   * Allocates nothing.
   */
  solve(rows: Float64Array, offset: number, s: number, t: number, arm: Uint8Array, weight: Float64Array, out: Float64Array, samePersons: boolean): void;
}

/** Shape of the effect cells (effectDesign.ts's layout). */
export interface CellShape {
  outcomes: number;
  subgroups: number;
  arms: number;
  months: number;
  reference: number;
}

export function cellIndex(shape: CellShape, o: number, s: number, a: number, t: number): number {
  return ((o * shape.subgroups + s) * shape.arms + a) * shape.months + t;
}

/**
 * Marks in `present` the arms with anybody in the row set at rows[offset …]
 * (statisticLayout's per-(block, arm) person counts); returns whether the
 * reference arm is present, without which no effect is estimable.
 */
export function markPresentArms(rows: Float64Array, offset: number, layout: StatisticLayout, reference: number, present: Uint8Array): boolean {
  const { arms, blocks, group } = layout;
  for (let g = 0; g < arms; g++) {
    let count = 0;
    for (let k = 0; k < blocks; k++) count += rows[offset + (k * arms + g) * group];
    present[g] = count > 0.5 ? 1 : 0;
  }
  return present[reference] === 1;
}

/** NaN in every cell of row set (s, t): the reference arm has nobody there. */
export function writeNotEstimable(shape: CellShape, s: number, t: number, out: Float64Array): void {
  for (let o = 0; o < shape.outcomes; o++) {
    for (let a = 0; a < shape.arms; a++) out[cellIndex(shape, o, s, a, t)] = NaN;
  }
}
