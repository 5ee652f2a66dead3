/**
 * The person-level outcomes of config.personOutcomes as numbers, from the
 * raw participant columns. Empty is missing (the person is left out of that
 * outcome, as a censored month is); anything else that is not a number in
 * the file's decimal convention is a data error naming file, line and column.
 */
import { IssueCollector } from '../read/issues.js';
import { parseNumber, type DecimalMark } from '../read/numbers.js';
import type { PersonOutcomeColumn } from './estimate.js';

export interface PersonOutcomeSource {
  extraColumns: ReadonlyMap<string, readonly string[]>;
  lines: Int32Array;
}

export function personOutcomeColumns(source: PersonOutcomeSource, names: readonly string[], decimalMark: DecimalMark, file: string): PersonOutcomeColumn[] {
  const issues = new IssueCollector();
  const columns = names.map((name) => {
    const text = source.extraColumns.get(name);
    if (text === undefined) throw new RangeError(`person-level outcome column ${name} was not read`);
    const values = new Float64Array(text.length);
    text.forEach((raw, p) => {
      if (raw === '') {
        values[p] = NaN;
        return;
      }
      const value = parseNumber(raw, decimalMark);
      if (value === undefined) issues.add({ file, line: source.lines[p], column: name, value: raw, expected: `a number (decimal mark "${decimalMark}") or empty for missing` });
      values[p] = value ?? NaN;
    });
    return { name, values };
  });
  issues.throwIfAny();
  return columns;
}
