/**
 * CSV formula injection: spreadsheet programs execute a cell that starts with
 * `=`, `+`, `-` or `@` (and some treat a leading tab or carriage return the
 * same way). Arm codes, subgroup levels and outcome names come from input
 * files and the config, so text cells that could start a formula get a
 * leading apostrophe, which makes the spreadsheet show the text as text.
 *
 * "Could start" is read widely, because programs differ in what they trim
 * and fold on import: blanks (including no-break and ideographic spaces)
 * before the sign, and the full-width signs ＝ ＋ － ＠ that some
 * spreadsheets read as their ASCII forms. Numbers are written as numbers and
 * never touched: -0.03 is a value, not a formula.
 */
const FORMULA_START = /^[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/;

export function neutraliseFormula(value: unknown): unknown {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}
