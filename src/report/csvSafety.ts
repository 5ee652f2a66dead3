/**
 * CSV formula injection: spreadsheet programs execute a cell that starts with
 * `=`, `+`, `-` or `@` (and some treat a leading tab or carriage return the
 * same way). Arm codes, subgroup levels and outcome names come from input
 * files, so text cells starting with one of these get a leading apostrophe,
 * which makes the spreadsheet show the text as text. Numbers are written as
 * numbers and never touched: -0.03 is a value, not a formula.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(value: unknown): unknown {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}
