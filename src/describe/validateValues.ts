/**
 * Value checks once the column plan is known: gender is K/M, numeric columns
 * hold numbers, lss_daily_activity is 0/1 (data-contract §1). Every problem
 * in every file is collected, so all can be fixed in one pass.
 */
import type { IssueCollector } from '../read/issues.js';
import { isNumberText, type PlannedColumn } from './columnPlan.js';
import type { PopulationData } from './readPopulation.js';

export function validateValues(populations: readonly PopulationData[], columns: readonly PlannedColumn[], issues: IssueCollector): void {
  for (const population of populations) {
    const file = population.source.file;
    for (const planned of columns) {
      const column = population.columns.get(planned.key);
      if (column === undefined) continue;
      const check = valueCheck(planned);
      if (check === undefined) continue;
      column.values.forEach((value, i) => {
        if (value !== '' && !check.accepts(value)) {
          issues.add({ file, line: population.lines[i], column: column.name, value, expected: check.expected });
        }
      });
    }
  }
}

function valueCheck(planned: PlannedColumn): { accepts(value: string): boolean; expected: string } | undefined {
  if (planned.kind === 'gender') return { accepts: (v) => v === 'K' || v === 'M', expected: 'K or M (woman, man) or empty' };
  if (planned.key === 'lss_daily_activity' && planned.kind === 'binary') {
    return { accepts: (v) => v === '0' || v === '1', expected: planned.expectedNumber ?? '0 or 1 or empty' };
  }
  if (planned.kind === 'numeric' || planned.kind === 'binary') return { accepts: isNumberText, expected: planned.expectedNumber ?? 'a number' };
  return undefined;
}

/** The --by column must be in every file. */
export function checkRowsVariable(populations: readonly PopulationData[], by: string, issues: IssueCollector): void {
  for (const population of populations) {
    if (!population.columns.has(by.toLowerCase())) {
      issues.add({ file: population.source.file, line: 1, column: by, expected: `a column ${by} (named by --by)` });
    }
  }
}
