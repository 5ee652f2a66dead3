/**
 * tables/shares.csv and tables/effects.csv: the result rows as they are in
 * results.json (full precision, one column per field, empty for null), for
 * spreadsheets and other tools.
 */
import * as aq from 'arquero';
import type { Results } from '../results.js';
import { neutraliseFormula } from './csvSafety.js';

const SHARE_COLUMNS = ['outcome', 'subgroup', 'arm', 'month', 'n', 'events', 'share', 'ci_low', 'ci_high', 'suppressed'];
const EFFECT_COLUMNS = ['outcome', 'subgroup', 'arm', 'reference', 'month', 'estimator', 'estimate', 'se', 'ci_low', 'ci_high', 'p', 'p_method', 'suppressed'];

export function shareTablesCsv(results: Results): string {
  return rowsToCsv(results.shares as unknown as Record<string, unknown>[], SHARE_COLUMNS);
}

export function effectTablesCsv(results: Results): string {
  return rowsToCsv(results.effects as unknown as Record<string, unknown>[], EFFECT_COLUMNS);
}

/**
 * The known columns in contract order, then any further fields the rows carry
 * (e.g. `p_holm`, `band_low`) in order of first appearance; a row without
 * a field gets an empty cell.
 */
function rowsToCsv(rows: Record<string, unknown>[], knownColumns: string[]): string {
  const columns = [...knownColumns];
  for (const row of rows) {
    for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  }
  const data: Record<string, unknown[]> = {};
  for (const column of columns) {
    data[neutraliseFormula(column) as string] = rows.map((row) => neutraliseFormula(row[column] ?? null));
  }
  return aq.table(data).toCSV();
}
