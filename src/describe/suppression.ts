/**
 * Cell suppression for tables of counts (the county-mapping tabulations and
 * Table 1 of one population, linked through shared cells).
 *
 * 1. Primary: a count of 1 … minCellSize − 1 persons is suppressed (and any
 *    cell the caller forces, e.g. a share whose complement is small). In the
 *    line of a small identifiable group (a municipality or population of
 *    1 … minCellSize − 1 persons) the zeros are hidden as well: shown, they
 *    would tell which categories those few persons are in.
 * 2. Complementary: a line (row or column with its total) with exactly one
 *    suppressed cell would give it away by subtraction, so the smallest other
 *    cell of that line is suppressed too; repeated to a fixed point.
 * 3. Audit: the "two per line" rule can still leave a cell computable from
 *    several lines together; such a cell gets a further complement in one of
 *    its lines, and the rules run again.
 *
 * Otherwise zeros are never primary. A complement is a cell with persons where one exists (hiding a zero
 * protects little); ties go to a cell that also completes another line,
 * then to the earlier cell, so results are deterministic.
 */
import type { CellSystem } from './cellSystem.js';
import { recoverableCells } from './recoverable.js';

export interface Suppression {
  suppressed: boolean[];
  /** Suppressed for their own count (or forced by the caller). */
  primary: boolean[];
}

export function isPrimaryCount(count: number, minCellSize: number): boolean {
  return count >= 1 && count < minCellSize;
}

export function suppressCells(system: CellSystem, minCellSize: number, forced: readonly boolean[] = []): Suppression {
  const count = system.values.length;
  const primary = system.values.map((value, cell) => isPrimaryCount(value, minCellSize) || forced[cell] === true);
  system.lines.forEach((line, l) => {
    if (system.groupLines?.[l] && isPrimaryCount(system.values[line[line.length - 1]], minCellSize)) {
      for (const cell of line) primary[cell] = true;
    }
  });
  const suppressed = primary.slice();
  const linesOf: number[][] = Array.from({ length: count }, () => []);
  system.lines.forEach((line, l) => line.forEach((cell) => linesOf[cell].push(l)));
  const hiddenIn = (l: number): number => system.lines[l].reduce((n, cell) => n + (suppressed[cell] ? 1 : 0), 0);

  const choose = (candidates: Iterable<number>): number => {
    let best = -1;
    let bestRank: number[] = [];
    for (const cell of candidates) {
      if (suppressed[cell]) continue;
      const value = system.values[cell];
      const completesAnother = linesOf[cell].some((l) => hiddenIn(l) === 1) ? 0 : 1;
      const rank = [value > 0 ? 0 : 1, value, completesAnother, cell];
      if (best < 0 || lexLess(rank, bestRank)) {
        best = cell;
        bestRank = rank;
      }
    }
    return best;
  };

  for (;;) {
    let changed = false;
    for (let l = 0; l < system.lines.length; l++) {
      if (hiddenIn(l) !== 1) continue;
      const pick = choose(system.lines[l]);
      if (pick >= 0) {
        suppressed[pick] = true;
        changed = true;
      }
    }
    if (changed) continue;
    for (const cell of recoverableCells(system, suppressed)) {
      let pick = choose(linesOf[cell].flatMap((l) => system.lines[l]));
      // Every cell of its own lines is hidden already: widen to the whole system.
      if (pick < 0) pick = choose(system.values.keys());
      if (pick >= 0) {
        suppressed[pick] = true;
        changed = true;
        // One fix at a time: it may well protect the other exposed cells too.
        break;
      }
    }
    if (!changed) return { suppressed, primary };
  }
}

function lexLess(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}
