/**
 * Counts of one population, as cells of one CellRegistry: N, the Table 1
 * counts of each described column, and the tabulations (rows variable ×
 * gender, × age group, × each categorical column) with their totals.
 *
 * Keys make the same count one cell wherever it is shown: N is every grand
 * total, a level's count in Table 1 is that level's column total, a
 * municipality's total is the same in every tabulation.
 */
import { ageGroupOf, OUTSIDE_AGE_GROUPS } from './ageGroups.js';
import { CellRegistry } from './cellSystem.js';
import type { PlannedColumn } from './columnPlan.js';
import { levelKey, sortedLevels } from './levels.js';
import type { PopulationData } from './readPopulation.js';
import type { AgeGroup } from './types.js';

export type Level = string | null;

export type Table1Cells =
  | { kind: 'gender' | 'categorical'; levels: Level[]; cells: number[] }
  | { kind: 'binary'; one: number; zero: number; missing: number }
  | { kind: 'numeric'; present: number; missing: number; mean: number | null };

export interface TabulationCells {
  /** Key of the described column (lowercase name). */
  key: string;
  /** True for the age groups of `age`, false for a column's own levels. */
  ageGroups: boolean;
  rowLevels: Level[];
  columnLevels: Level[];
  /** Cell index per row × column. */
  cells: number[][];
  rowTotals: number[];
  columnTotals: number[];
}

export interface PopulationTables {
  registry: CellRegistry;
  n: number;
  table1: Map<string, Table1Cells>;
  tabulations: TabulationCells[];
  /** Cells shown as Table 1 shares: suppressed also when their complement N − count is small. */
  shownShares: number[];
}

export interface TablePlan {
  columns: readonly PlannedColumn[];
  /** Levels of each categorical column over all populations, sorted. */
  levels: ReadonlyMap<string, string[]>;
  /** Lowercase key of the rows variable in this population, or null for no tabulations. */
  rowsKey: string | null;
  ageGroups: readonly AgeGroup[];
}

const SEP = '\u0001';
/** Cell-key prefix of the age-group tabulation: cannot clash with a column named age_group. */
const AGE_GROUP_CELLS = '\u0002age_group';

export function populationTables(population: PopulationData, plan: TablePlan): PopulationTables {
  const registry = new CellRegistry();
  const n = registry.cell('N', population.count);
  const table1 = new Map<string, Table1Cells>();
  const shownShares: number[] = [];
  const countKey = (column: string, level: Level) => `count${SEP}${column}${SEP}${levelKey(level)}`;

  for (const planned of plan.columns) {
    const column = population.columns.get(planned.key);
    if (column === undefined) continue;
    const values = column.values;
    const missing = values.filter((v) => v === '').length;
    if (planned.kind === 'gender' || planned.kind === 'categorical') {
      const levels: Level[] = [...(planned.kind === 'gender' ? ['K', 'M'] : plan.levels.get(planned.key) ?? []), null];
      const tally = new Map<string, number>();
      for (const v of values) if (v !== '') tally.set(v, (tally.get(v) ?? 0) + 1);
      const cells = levels.map((level) => registry.cell(countKey(planned.key, level), level === null ? missing : tally.get(level) ?? 0));
      registry.line(cells, n, true);
      table1.set(planned.key, { kind: planned.kind, levels, cells });
      levels.forEach((level, i) => {
        if (!(planned.kind === 'gender' && level === 'M')) shownShares.push(cells[i]);
      });
    } else if (planned.kind === 'binary') {
      const ones = values.filter((v) => v === '1').length;
      const one = registry.cell(countKey(planned.key, '1'), ones);
      const zero = registry.cell(countKey(planned.key, '0'), values.length - missing - ones);
      const none = registry.cell(countKey(planned.key, null), missing);
      registry.line([one, zero, none], n, true);
      table1.set(planned.key, { kind: 'binary', one, zero, missing: none });
    } else {
      let sum = 0;
      for (const v of values) if (v !== '') sum += Number(v);
      const present = values.length - missing;
      const presentCell = registry.cell(`present${SEP}${planned.key}`, present);
      const none = registry.cell(countKey(planned.key, null), missing);
      registry.line([presentCell, none], n, true);
      table1.set(planned.key, { kind: 'numeric', present: presentCell, missing: none, mean: present > 0 ? sum / present : null });
    }
  }

  const tabulations: TabulationCells[] = [];
  if (plan.rowsKey !== null) {
    const rowValues = population.columns.get(plan.rowsKey)!.values;
    const rowLevels = withMissing(sortedLevels(rowValues.filter((v) => v !== '')), rowValues);
    const rowIndex = indexer(rowLevels);
    const rowOf = rowValues.map(rowIndex);
    for (const planned of plan.columns) {
      const column = population.columns.get(planned.key);
      if (column === undefined || planned.key === plan.rowsKey) continue;
      if (planned.kind === 'gender' || planned.kind === 'categorical') {
        const levels = withMissing(planned.kind === 'gender' ? ['K', 'M'] : plan.levels.get(planned.key) ?? [], column.values);
        const columnIndex = indexer(levels);
        tabulations.push(tabulate(registry, n, planned.key, rowLevels, rowOf, levels, column.values.map(columnIndex), countKey));
      } else if (planned.key === 'age' && planned.kind !== 'binary' && plan.ageGroups.length > 0) {
        const groups = plan.ageGroups;
        const groupOf = column.values.map((v) => (v === '' ? -1 : ageGroupOf(Number(v), groups)));
        const outside = column.values.some((v, i) => v !== '' && groupOf[i] < 0);
        const levels: Level[] = [...groups.map((g) => g.label), ...(outside ? [OUTSIDE_AGE_GROUPS] : [])];
        const withNone = withMissing(levels, column.values);
        const columnOf = column.values.map((v, i) => (v === '' ? withNone.length - 1 : groupOf[i] >= 0 ? groupOf[i] : groups.length));
        // Group totals get keys of their own; the missing total is Table 1's missing count of age.
        const keyOf = (_column: string, level: Level) => (level === null ? countKey('age', null) : `group${SEP}${level}`);
        const tab = tabulate(registry, n, AGE_GROUP_CELLS, rowLevels, rowOf, withNone, columnOf, keyOf);
        // Persons with an age are the persons in some group (or outside all): Table 1's n of age.
        const present = (table1.get('age') as { present: number }).present;
        registry.line(tab.columnTotals.filter((_, j) => withNone[j] !== null), present);
        tabulations.push({ ...tab, key: planned.key, ageGroups: true });
      }
    }
  }
  return { registry, n, table1, tabulations, shownShares };
}

function tabulate(
  registry: CellRegistry,
  n: number,
  key: string,
  rowLevels: Level[],
  rowOf: number[],
  columnLevels: Level[],
  columnOf: number[],
  totalKey: (column: string, level: Level) => string,
): TabulationCells {
  // `key` only names cells here; callers set the column key and kind.
  const counts = rowLevels.map(() => new Array<number>(columnLevels.length).fill(0));
  for (let i = 0; i < rowOf.length; i++) counts[rowOf[i]][columnOf[i]]++;
  const rowTotals = rowLevels.map((level, r) => registry.cell(`area${SEP}${levelKey(level)}`, counts[r].reduce((s, x) => s + x, 0)));
  const columnTotals = columnLevels.map((level, c) => registry.cell(totalKey(key, level), counts.reduce((s, row) => s + row[c], 0)));
  const cells = rowLevels.map((rowLevel, r) =>
    columnLevels.map((columnLevel, c) => registry.cell(`cell${SEP}${key}${SEP}${levelKey(rowLevel)}${SEP}${levelKey(columnLevel)}`, counts[r][c])),
  );
  // Rows are places (identifiable groups); columns are the characteristics.
  cells.forEach((row, r) => registry.line(row, rowTotals[r], true));
  columnLevels.forEach((_, c) => registry.line(cells.map((row) => row[c]), columnTotals[c]));
  registry.line(columnTotals, n, true);
  registry.line(rowTotals, n);
  return { key, ageGroups: false, rowLevels, columnLevels, cells, rowTotals, columnTotals };
}

/** The levels, then null (missing) when some value is empty. */
function withMissing(levels: readonly Level[], values: readonly string[]): Level[] {
  return values.includes('') ? [...levels, null] : [...levels];
}

/** Value text → index in `levels` (empty text → the null level). */
function indexer(levels: readonly Level[]): (value: string) => number {
  const index = new Map(levels.map((level, i) => [levelKey(level), i]));
  return (value) => index.get(levelKey(value === '' ? null : value))!;
}
