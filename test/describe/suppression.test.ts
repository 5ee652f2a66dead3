/**
 * Cell suppression on two-way tables with totals. The tables and their lines
 * are built here from plain count matrices; recoverability is checked with
 * a rank test of its own (a cell is determined by the shown cells exactly
 * when dropping its column from the system lowers the rank), not with the
 * code under test.
 */
import { describe, expect, it } from 'vitest';
import { suppressCells } from '../../src/describe/suppression.js';

interface Grid {
  values: number[];
  lines: number[][];
  groupLines: boolean[];
  /** Cell index of interior (r, c), of row total r (c = C), column total c (r = R), grand total (R, C). */
  at: (r: number, c: number) => number;
  rows: number;
  cols: number;
}

/** A table of counts with its row totals, column totals and grand total as cells and lines. */
function grid(counts: number[][]): Grid {
  const rows = counts.length;
  const cols = counts[0].length;
  const at = (r: number, c: number) => r * (cols + 1) + c;
  const values: number[] = [];
  for (let r = 0; r <= rows; r++) {
    for (let c = 0; c <= cols; c++) {
      const inRows = r < rows ? [counts[r]] : counts;
      values.push(inRows.reduce((s, row) => s + (c < cols ? row[c] : row.reduce((a, b) => a + b, 0)), 0));
    }
  }
  const lines: number[][] = [];
  const groupLines: boolean[] = [];
  for (let r = 0; r <= rows; r++) {
    lines.push([...Array.from({ length: cols }, (_, c) => at(r, c)), at(r, cols)]);
    groupLines.push(true);
  }
  for (let c = 0; c <= cols; c++) {
    lines.push([...Array.from({ length: rows }, (_, r) => at(r, c)), at(rows, c)]);
    groupLines.push(false);
  }
  return { values, lines, groupLines, at, rows, cols };
}

function rank(matrix: number[][]): number {
  const m = matrix.map((row) => row.slice());
  let r = 0;
  const width = m[0]?.length ?? 0;
  for (let c = 0; c < width && r < m.length; c++) {
    let p = r;
    for (let i = r; i < m.length; i++) if (Math.abs(m[i][c]) > Math.abs(m[p][c])) p = i;
    if (Math.abs(m[p][c]) < 1e-9) continue;
    [m[r], m[p]] = [m[p], m[r]];
    for (let i = r + 1; i < m.length; i++) {
      const f = m[i][c] / m[r][c];
      for (let k = c; k < width; k++) m[i][k] -= f * m[r][k];
    }
    r++;
  }
  return r;
}

/** Hidden cells that the shown ones determine: dropping the cell's column lowers the rank. */
function determinedCells(lines: number[][], hidden: boolean[]): number[] {
  const unknown = hidden.flatMap((h, cell) => (h ? [cell] : []));
  const matrix = lines.map((line) => unknown.map((cell) => (line.indexOf(cell) < 0 ? 0 : line.indexOf(cell) === line.length - 1 ? -1 : 1)));
  const full = rank(matrix);
  return unknown.filter((_, k) => rank(matrix.map((row) => row.filter((__, j) => j !== k))) < full);
}

/** A small seeded generator (LCG), so the random tables are the same on every run. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

describe('suppressCells', () => {
  it('hides a small cell with the smallest cells that close a rectangle around it', () => {
    //        A   B   C
    // r1    10   2  20
    // r2    15  12  30
    // r3     8   9  25
    const g = grid([[10, 2, 20], [15, 12, 30], [8, 9, 25]]);
    const { suppressed, primary } = suppressCells(g, 5);
    const hidden = g.values.map((_, cell) => cell).filter((cell) => suppressed[cell]);
    // B1 = 2 is small; row 1's smallest other is A1 = 10, column B's is B3 = 9, column A's is A3 = 8.
    expect(hidden).toEqual([g.at(0, 0), g.at(0, 1), g.at(2, 0), g.at(2, 1)].sort((a, b) => a - b));
    expect(primary.filter(Boolean)).toHaveLength(1);
    expect(primary[g.at(0, 1)]).toBe(true);
  });

  it('hides nothing when no count is small', () => {
    const g = grid([[5, 0, 7], [9, 12, 30]]);
    expect(suppressCells(g, 5).suppressed.every((h) => !h)).toBe(true);
  });

  it('hides everything in the row of a group of fewer than 5 persons, its zeros too', () => {
    // Row 2 has 3 persons, all in column A: shown zeros would say so.
    const g = grid([[20, 15, 11], [3, 0, 0], [9, 12, 30], [7, 8, 6]]);
    const { suppressed } = suppressCells(g, 5);
    for (let c = 0; c <= 3; c++) expect(suppressed[g.at(1, c)], `cell (2, ${c})`).toBe(true);
    expect(determinedCells(g.lines, suppressed)).toEqual([]);
  });

  it('with a minimum cell size of 1 hides nothing', () => {
    const g = grid([[1, 2], [0, 3]]);
    expect(suppressCells(g, 1).suppressed.some(Boolean)).toBe(false);
  });

  it('on random small tables: no count of 1–4 shown, no line with exactly one hidden cell, no hidden cell recoverable', () => {
    const random = lcg(20170331);
    let tablesWithSuppression = 0;
    for (let t = 0; t < 150; t++) {
      const rows = 2 + Math.floor(random() * 5);
      const cols = 2 + Math.floor(random() * 4);
      // Mostly small counts, so that most tables need suppression.
      const counts = Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.floor(random() ** 2 * 14)));
      const g = grid(counts);
      const { suppressed } = suppressCells(g, 5);
      const label = JSON.stringify(counts);
      g.values.forEach((value, cell) => {
        if (value >= 1 && value <= 4) expect(suppressed[cell], `${label}: cell ${cell} = ${value} is shown`).toBe(true);
      });
      for (const line of g.lines) {
        const hiddenInLine = line.filter((cell) => suppressed[cell]).length;
        expect(hiddenInLine === 0 || hiddenInLine >= 2, `${label}: a line with one hidden cell`).toBe(true);
      }
      expect(determinedCells(g.lines, suppressed), label).toEqual([]);
      for (let r = 0; r < rows; r++) {
        const total = g.values[g.at(r, cols)];
        if (total >= 1 && total <= 4) for (let c = 0; c < cols; c++) expect(suppressed[g.at(r, c)], `${label}: row ${r}`).toBe(true);
      }
      if (suppressed.some(Boolean)) tablesWithSuppression++;
    }
    expect(tablesWithSuppression).toBeGreaterThan(100);
  });

  it('protects cells shared by two linked tables: hidden in one, hidden in the other', () => {
    // Two tables with the same row totals (cells 6, 7 shared): municipality × gender and municipality × age group.
    //   table 1: [[10, 2], [12, 20]]   table 2: [[6, 6], [16, 16]]
    const values = [10, 2, 12, 20, /* row totals */ 12, 32, /* col totals */ 22, 22, /* N */ 44, 6, 6, 16, 16, /* col totals 2 */ 22, 22];
    // cells: 0..3 interior t1, 4, 5 row totals (shared), 6, 7 col totals t1, 8 N (shared), 9..12 interior t2, 13, 14 col totals t2
    const lines = [
      [0, 1, 4], [2, 3, 5], [0, 2, 6], [1, 3, 7], [6, 7, 8], [4, 5, 8],
      [9, 10, 4], [11, 12, 5], [9, 11, 13], [10, 12, 14], [13, 14, 8],
    ];
    const { suppressed } = suppressCells({ values, lines }, 5);
    expect(suppressed[1]).toBe(true);
    for (const line of lines) {
      const hidden = line.filter((cell) => suppressed[cell]).length;
      expect(hidden === 0 || hidden >= 2).toBe(true);
    }
    expect(determinedCells(lines, suppressed)).toEqual([]);
  });
});
