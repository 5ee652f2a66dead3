/**
 * tables/*.csv: the result rows as they are in results.json (full precision,
 * one column per field, empty for null), for spreadsheets and other tools.
 */
import type { Results } from '../results.js';
import { neutraliseFormula } from './csvSafety.js';

const SHARE_COLUMNS = ['outcome', 'subgroup', 'arm', 'month', 'n', 'events', 'share', 'ci_low', 'ci_high', 'suppressed'];
/** Holm and band columns are always there (empty where a row has none), so tools can rely on them. */
const EFFECT_COLUMNS = [
  'outcome', 'subgroup', 'arm', 'reference', 'month', 'estimator', 'estimate', 'se', 'ci_low', 'ci_high', 'p', 'p_method', 'p_holm', 'band_low', 'band_high', 'suppressed',
];
const INTERACTION_COLUMNS = ['outcome', 'subgroup_variable', 'level_a', 'level_b', 'arm', 'reference', 'month', 'estimate', 'ci_low', 'ci_high', 'p', 'p_method', 'suppressed'];
const PERSON_OUTCOME_COLUMNS = ['outcome', 'subgroup', 'arm', 'n', 'mean', 'ci_low', 'ci_high', 'suppressed'];

export function shareTablesCsv(results: Results): string {
  return rowsToCsv(results.shares as unknown as Record<string, unknown>[], SHARE_COLUMNS);
}

/** Every effect row; a person-level outcome's rows have an empty month. */
export function effectTablesCsv(results: Results): string {
  return rowsToCsv(results.effects as unknown as Record<string, unknown>[], EFFECT_COLUMNS);
}

/**
 * Every interaction row, or null when the results have no interactions
 * section. The two levels become two columns: the estimate is the effect
 * in level_a minus the effect in level_b.
 */
export function interactionTablesCsv(results: Results): string | null {
  if (results.interactions === undefined) return null;
  const rows = results.interactions.map(({ levels, ...row }) => ({ ...row, level_a: levels[0], level_b: levels[1] }));
  return rowsToCsv(rows, INTERACTION_COLUMNS);
}

/** Means of the person-level outcomes by subgroup and arm, or null when the results have none. */
export function personOutcomeTablesCsv(results: Results): string | null {
  if (results.person_outcomes === undefined) return null;
  return rowsToCsv(results.person_outcomes as unknown as Record<string, unknown>[], PERSON_OUTCOME_COLUMNS);
}

/**
 * The known columns in contract order, then any further fields the rows carry
 * in order of first appearance; a row without a field gets an empty cell.
 */
function rowsToCsv(rows: Record<string, unknown>[], knownColumns: string[]): string {
  const columns = [...knownColumns];
  const seen = new Set(columns);
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  // Header text → field, as an object: its key order (whole-number names
  // first) and a later field taking over a header it shares with an earlier
  // one are those of the reports written so far.
  const fieldOf: Record<string, string> = {};
  for (const column of columns) fieldOf[neutraliseFormula(column) as string] = column;
  const headers = Object.keys(fieldOf);
  const fields = headers.map((header) => fieldOf[header]);
  const lines = [headers.map(csvCell).join(',')];
  for (const row of rows) lines.push(fields.map((field) => csvCell(neutraliseFormula(row[field] ?? null))).join(','));
  return lines.join('\n') + '\n';
}

const NEEDS_QUOTES = /[",\n\r]/;

/**
 * One cell as arquero's toCSV wrote it (the format of the reports so far):
 * empty for null, the value's string form, quoted with doubled quotes when
 * it holds a quote, comma or line break.
 */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = `${value as string}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
