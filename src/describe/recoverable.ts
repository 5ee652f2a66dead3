/**
 * Which suppressed cells can still be computed exactly from the shown ones.
 *
 * Every line says Σ parts − total = 0. Moving the shown cells to the right
 * side leaves a linear system in the suppressed cells; a suppressed cell is
 * determined when its value is the same in every solution, i.e. when its
 * unit vector lies in the row space of the system. In the reduced row
 * echelon form that is a pivot column whose row has no entry in a free
 * column. This catches what the "two per line" rule cannot: recovery through
 * several rows and columns together (e.g. across linked tables).
 */
import type { CellSystem } from './cellSystem.js';

const EPSILON = 1e-9;

/**
 * Suppressed cells whose count the shown cells determine. Zeros count too:
 * a hidden zero is hidden because showing it would tell something.
 */
export function recoverableCells(system: CellSystem, suppressed: readonly boolean[]): number[] {
  const unknowns: number[] = [];
  const column = new Map<number, number>();
  suppressed.forEach((hidden, cell) => {
    if (hidden) {
      column.set(cell, unknowns.length);
      unknowns.push(cell);
    }
  });
  const width = unknowns.length;
  if (width === 0) return [];

  const rows: Float64Array[] = [];
  for (const line of system.lines) {
    const row = new Float64Array(width);
    let any = false;
    line.forEach((cell, position) => {
      const c = column.get(cell);
      if (c === undefined) return;
      row[c] += position === line.length - 1 ? -1 : 1;
      any = true;
    });
    if (any) rows.push(row);
  }

  const pivotOfRow = reduceToEchelon(rows, width);
  const isPivot = new Uint8Array(width);
  for (const c of pivotOfRow) isPivot[c] = 1;
  const determined: number[] = [];
  pivotOfRow.forEach((pivot, r) => {
    const row = rows[r];
    for (let c = 0; c < width; c++) {
      if (!isPivot[c] && Math.abs(row[c]) > EPSILON) return;
    }
    determined.push(unknowns[pivot]);
  });
  return determined.sort((a, b) => a - b);
}

/** Gauss–Jordan elimination in place; returns the pivot column of each leading row. */
function reduceToEchelon(rows: Float64Array[], width: number): number[] {
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < width && r < rows.length; c++) {
    let best = r;
    for (let i = r + 1; i < rows.length; i++) if (Math.abs(rows[i][c]) > Math.abs(rows[best][c])) best = i;
    if (Math.abs(rows[best][c]) <= EPSILON) continue;
    [rows[r], rows[best]] = [rows[best], rows[r]];
    const pivotRow = rows[r];
    const scale = pivotRow[c];
    for (let k = c; k < width; k++) pivotRow[k] /= scale;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const factor = rows[i][c];
      if (Math.abs(factor) <= EPSILON) continue;
      const row = rows[i];
      for (let k = c; k < width; k++) row[k] -= factor * pivotRow[k];
      row[c] = 0;
    }
    pivots.push(c);
    r++;
  }
  return pivots;
}
