/**
 * The covariates of `ols` and `lin` (config.covariates) as one person-major
 * matrix of numbers, the way R's model.matrix expands a data frame: a column
 * whose non-empty values are all numbers is used as it is; any other column
 * is categorical and becomes one 0/1 dummy per level but the first (levels
 * ordered as encodeLevels orders them, as the balance table does).
 *
 * An empty value is refused (config.missingCovariates `error`, the default),
 * since a silent complete-case analysis would break the randomization; with
 * `indicator` a numeric column's empty values take the column mean and an
 * indicator column `<name>=missing` is added, and a categorical column's
 * empty values form a level of their own.
 */
import type { MissingCovariates } from '../config/types.js';
import { numericColumn } from '../balance/balanceVariables.js';
import { IssueCollector } from '../read/issues.js';
import { encodeLevels } from '../read/participants.js';

export interface CovariateMatrix {
  /** values[p * count + j]. */
  values: Float64Array;
  count: number;
  /** Column names: `<covariate>` or `<covariate>=<level>` for a dummy. */
  names: string[];
}

export interface CovariateSource {
  count: number;
  extraColumns: ReadonlyMap<string, readonly string[]>;
  lines: Int32Array;
}

const MISSING_LEVEL = '(missing)';

export function covariateMatrix(source: CovariateSource, covariates: readonly string[], missing: MissingCovariates, file: string): CovariateMatrix {
  const columns: { name: string; values: Float64Array }[] = [];
  const issues = new IssueCollector();
  for (const name of covariates) {
    const text = source.extraColumns.get(name);
    if (text === undefined) throw new RangeError(`covariate column ${name} was not read`);
    if (missing === 'error') {
      text.forEach((value, p) => {
        if (value === '') issues.add({ file, line: source.lines[p], column: name, value, expected: 'a covariate value (or set "missingCovariates": "indicator" in the config)' });
      });
    }
    const values = numericColumn(text);
    if (values) {
      let sum = 0;
      let present = 0;
      for (const v of values) if (!Number.isNaN(v)) (sum += v), present++;
      if (present < values.length) {
        const mean = present > 0 ? sum / present : 0;
        columns.push({ name, values: values.map((v) => (Number.isNaN(v) ? mean : v)) });
        columns.push({ name: `${name}=missing`, values: Float64Array.from(values, (v) => (Number.isNaN(v) ? 1 : 0)) });
      } else columns.push({ name, values });
      continue;
    }
    const { levels, codes } = encodeLevels(text.map((value) => (value === '' ? MISSING_LEVEL : value)));
    for (let level = 1; level < levels.length; level++) {
      columns.push({ name: `${name}=${levels[level]}`, values: Float64Array.from(codes, (c) => (c === level ? 1 : 0)) });
    }
  }
  issues.throwIfAny();
  const count = columns.length;
  const values = new Float64Array(source.count * count);
  columns.forEach((column, j) => {
    for (let p = 0; p < source.count; p++) values[p * count + j] = column.values[p];
  });
  return { values, count, names: columns.map((c) => c.name) };
}
