/**
 * The variables of the balance table as numbers per person (NaN = missing).
 *
 * Rule for a covariate column (config.covariates): when every non-empty value
 * is a number it is used as is (a decimal comma is read as a decimal point,
 * as Swedish extracts write it); any other column is categorical and becomes
 * one 0/1 dummy per level, named `<column>=<level>`, levels in the order
 * encodeLevels gives. An empty value is missing, in the column and in every
 * dummy. A variable whose values are all 0 or 1 is `binary`: its mean is a
 * share, so disclosure control treats it as one.
 *
 * With preMonths > 0 the primary outcome in each pre-randomization month is a
 * variable too (0/1, censored = missing): the arms should not differ before
 * randomization either.
 */
import { MISSING, type Panel } from '../panel/buildPanel.js';
import { encodeLevels } from '../read/participants.js';

export interface BalanceVariable {
  variable: string;
  /** Pre-randomization month for an outcome variable, else null. */
  month: number | null;
  kind: 'numeric' | 'binary';
  /** One value per person; NaN where missing. */
  values: Float64Array;
}

/**
 * A covariate value as a number, or undefined when it is not one ('' is
 * missing, not a number): an optional sign, then digits with at most one
 * decimal point or comma and at least one digit (/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/).
 * Checked character by character rather than by that expression: a national
 * extract has millions of covariate values, and the expression cost more
 * than the rest of reading them.
 */
export function parseCovariateNumber(text: string): number | undefined {
  let i = 0;
  const first = text.charCodeAt(0);
  if (first === 43 || first === 45) i = 1; // + -
  let digits = 0;
  let comma = -1;
  let separators = 0;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) digits++;
    else if (code === 46 || code === 44) {
      separators++;
      if (code === 44) comma = i;
    } else return undefined;
  }
  if (digits === 0 || separators > 1) return undefined;
  return Number(comma < 0 ? text : text.slice(0, comma) + '.' + text.slice(comma + 1));
}

/** Every value of a column as a number (NaN for ''), or null when some value is not a number. */
export function numericColumn(text: readonly string[]): Float64Array | null {
  const values = new Float64Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const value = text[i];
    if (value === '') {
      values[i] = NaN;
      continue;
    }
    const number = parseCovariateNumber(value);
    if (number === undefined) return null;
    values[i] = number;
  }
  return values;
}

export function covariateVariables(columns: ReadonlyMap<string, readonly string[]>, names: readonly string[]): BalanceVariable[] {
  const variables: BalanceVariable[] = [];
  for (const name of names) {
    const text = columns.get(name);
    if (text === undefined) throw new RangeError(`covariate column ${name} was not read`);
    const values = numericColumn(text);
    if (values) {
      variables.push({ variable: name, month: null, kind: kindOf(values), values });
      continue;
    }
    const { levels, codes } = encodeLevels(text);
    levels.forEach((level, code) => {
      const values = Float64Array.from(codes, (c) => (c < 0 ? NaN : c === code ? 1 : 0));
      variables.push({ variable: `${name}=${level}`, month: null, kind: 'binary', values });
    });
  }
  return variables;
}

/** The outcome `outcome` of the panel in every pre-randomization month, as 0/1 variables. */
export function preMonthVariables(panel: Panel, outcome: string): BalanceVariable[] {
  const o = panel.outcomes.indexOf(outcome);
  if (o < 0) throw new RangeError(`outcome ${outcome} is not in the panel`);
  const O = panel.outcomes.length;
  const T = panel.months.length;
  const variables: BalanceVariable[] = [];
  for (let t = 0; t < T; t++) {
    if (panel.months[t] >= 0) continue;
    const values = new Float64Array(panel.persons);
    for (let p = 0; p < panel.persons; p++) {
      const v = panel.values[(p * O + o) * T + t];
      values[p] = v === MISSING ? NaN : v;
    }
    variables.push({ variable: outcome, month: panel.months[t], kind: 'binary', values });
  }
  return variables;
}

function kindOf(values: Float64Array): 'numeric' | 'binary' {
  for (const v of values) if (!Number.isNaN(v) && v !== 0 && v !== 1) return 'numeric';
  return 'binary';
}
