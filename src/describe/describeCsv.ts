/**
 * tables/table1.csv and tables/tab-<population>-<column>.csv: one value per
 * line (tidy), so that a suppressed value is an empty `value`/`count` with
 * `suppressed` true. Text from the data passes through neutraliseFormula,
 * so a level such as `=HYPERLINK(…)` cannot run in a spreadsheet.
 */
import * as aq from 'arquero';
import { neutraliseFormula } from '../report/csvSafety.js';
import { MISSING_LABEL } from './levels.js';
import type { CountValue, DescribeResult, Tabulation } from './types.js';

export const TOTAL_LABEL = 'Total';

export function table1Csv(result: DescribeResult): string {
  const records = result.table1.flatMap((row) =>
    row.values.map((v) => ({
      variable: row.variable,
      level: row.level,
      statistic: row.statistic,
      population: v.population,
      present: v.present,
      n: v.n ?? null,
      count: v.count ?? null,
      value: v.value,
      suppressed: v.suppressed,
    })),
  );
  return toCsv(['variable', 'level', 'statistic', 'population', 'present', 'n', 'count', 'value', 'suppressed'], records);
}

/**
 * Columns: the rows variable, the columns variable (each level, then
 * "Total" for the margins; "(missing)" for persons without a value), count,
 * suppressed, and `cell` naming what the line is: count, row_total,
 * column_total or grand_total.
 */
export function tabulationCsv(tab: Tabulation): string {
  const [rowName, columnName] = distinctNames(tab.rows_variable, tab.columns_variable);
  const records: Record<string, unknown>[] = [];
  const add = (row: string, column: string, value: CountValue, cell: string) =>
    records.push({ [rowName]: row, [columnName]: column, count: value.count, suppressed: value.suppressed, cell });
  const label = (level: string | null) => level ?? MISSING_LABEL;
  for (const row of tab.rows) {
    row.cells.forEach((value, c) => add(label(row.level), label(tab.column_levels[c]), value, 'count'));
    add(label(row.level), TOTAL_LABEL, row.total, 'row_total');
  }
  tab.total.cells.forEach((value, c) => add(TOTAL_LABEL, label(tab.column_levels[c]), value, 'column_total'));
  add(TOTAL_LABEL, TOTAL_LABEL, tab.total.total, 'grand_total');
  return toCsv([rowName, columnName, 'count', 'suppressed', 'cell'], records);
}

/** Header names must differ from each other and from the fixed columns. */
function distinctNames(rows: string, columns: string): [string, string] {
  const fixed = new Set(['count', 'suppressed', 'cell']);
  const rowName = fixed.has(rows) ? `${rows} (rows)` : rows;
  const columnName = fixed.has(columns) || columns === rowName ? `${columns} (columns)` : columns;
  return [rowName, columnName];
}

function toCsv(columns: string[], records: Record<string, unknown>[]): string {
  const data: Record<string, unknown[]> = {};
  for (const column of columns) data[neutraliseFormula(column) as string] = records.map((r) => neutraliseFormula(r[column] ?? null));
  return aq.table(data).toCSV();
}
