/**
 * From counted and suppressed cells to the rows of describe.json. This is
 * where disclosure control becomes visible: every count, share and mean is
 * read through the suppression of the cells it would reveal.
 */
import type { PlannedColumn } from './columnPlan.js';
import { levelKey } from './levels.js';
import type { Level, PopulationTables, TabulationCells } from './populationTables.js';
import type { PopulationData } from './readPopulation.js';
import type { Suppression } from './suppression.js';
import type { CountValue, Table1Row, Table1Value, Tabulation, TabulationRow } from './types.js';

export interface CountedPopulation {
  data: PopulationData;
  tables: PopulationTables;
  suppression: Suppression;
  /** Name of the rows variable as spelled in this file, or null. */
  rowsVariable: string | null;
  /** File-name part of this population's tabulations. */
  slug: string;
}

/** Table 1: the N row, then the described columns in order. */
export function table1Rows(populations: readonly CountedPopulation[], columns: readonly PlannedColumn[]): Table1Row[] {
  const rows: Table1Row[] = [{ variable: 'N', level: null, statistic: 'count', values: populations.map(nValue) }];
  for (const column of columns) {
    const anyMissing = populations.some((p) => (p.data.columns.get(column.key)?.values ?? []).includes(''));
    if (column.kind === 'numeric') {
      rows.push({ variable: column.name, level: null, statistic: 'mean', values: populations.map((p) => meanValue(p, column)) });
    } else if (column.kind === 'binary') {
      rows.push({ variable: column.name, level: '1', statistic: 'share', values: populations.map((p) => binaryValue(p, column)) });
    } else {
      const levels = column.kind === 'gender' ? ['K'] : levelsOf(populations, column);
      for (const level of levels) rows.push({ variable: column.name, level, statistic: 'share', values: populations.map((p) => shareValue(p, column, level)) });
    }
    if (anyMissing && (column.kind === 'gender' || column.kind === 'categorical')) {
      rows.push({ variable: column.name, level: null, statistic: 'missing_share', values: populations.map((p) => shareValue(p, column, null)) });
    }
  }
  return rows;
}

function levelsOf(populations: readonly CountedPopulation[], column: PlannedColumn): string[] {
  for (const p of populations) {
    const cells = p.tables.table1.get(column.key);
    if (cells && 'levels' in cells) return cells.levels.filter((level): level is string => level !== null);
  }
  return [];
}

const absent = (population: string): Table1Value => ({ population, present: false, value: null, suppressed: false });

function nValue(p: CountedPopulation): Table1Value {
  const count = countOf(p, p.tables.n);
  return { population: p.data.name, present: true, value: count.count, suppressed: count.suppressed };
}

function meanValue(p: CountedPopulation, column: PlannedColumn): Table1Value {
  const cells = p.tables.table1.get(column.key);
  if (cells?.kind !== 'numeric') return absent(p.data.name);
  // A mean's exact decimals can betray its n, so the mean is shown only with its n.
  const n = countOf(p, cells.present);
  return { population: p.data.name, present: true, value: n.suppressed ? null : cells.mean, suppressed: n.suppressed, n: n.count };
}

function binaryValue(p: CountedPopulation, column: PlannedColumn): Table1Value {
  const cells = p.tables.table1.get(column.key);
  if (cells?.kind !== 'binary') return absent(p.data.name);
  const one = countOf(p, cells.one);
  const zero = countOf(p, cells.zero);
  const suppressed = one.suppressed || zero.suppressed;
  const n = p.tables.registry.values[cells.one] + p.tables.registry.values[cells.zero];
  return {
    population: p.data.name,
    present: true,
    value: suppressed || n === 0 ? null : p.tables.registry.values[cells.one] / n,
    suppressed,
    n: suppressed ? null : n,
    count: one.count,
  };
}

function shareValue(p: CountedPopulation, column: PlannedColumn, level: Level): Table1Value {
  const cells = p.tables.table1.get(column.key);
  if (cells === undefined || !('levels' in cells)) return absent(p.data.name);
  const index = cells.levels.findIndex((l) => levelKey(l) === levelKey(level));
  const count = countOf(p, cells.cells[index]);
  const n = countOf(p, p.tables.n);
  // The share of a shown count over a hidden N would give N away.
  const suppressed = count.suppressed || n.suppressed;
  const total = p.tables.registry.values[p.tables.n];
  return {
    population: p.data.name,
    present: true,
    value: suppressed || total === 0 ? null : p.tables.registry.values[cells.cells[index]] / total,
    suppressed,
    count: count.count,
  };
}

export function countOf(p: CountedPopulation, cell: number): CountValue {
  const suppressed = p.suppression.suppressed[cell];
  return { count: suppressed ? null : p.tables.registry.values[cell], suppressed };
}

export function tabulationOf(p: CountedPopulation, tab: TabulationCells, columnName: string, file: string): Tabulation {
  const rows: TabulationRow[] = tab.rowLevels.map((level, r) => ({
    level,
    cells: tab.cells[r].map((cell) => countOf(p, cell)),
    total: countOf(p, tab.rowTotals[r]),
  }));
  return {
    population: p.data.name,
    rows_variable: p.rowsVariable!,
    columns_variable: tab.ageGroups ? 'age_group' : columnName,
    column_levels: tab.columnLevels,
    rows,
    total: { cells: tab.columnTotals.map((cell) => countOf(p, cell)), total: countOf(p, p.tables.n) },
    file,
  };
}
