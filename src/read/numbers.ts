/**
 * Numbers as Swedish register extracts write them: `12345.50`, and in files
 * saved with Swedish settings `12 345,50` (decimal comma, a space or a
 * no-break space between thousands, as Excel and Intl 'sv-SE' write them).
 *
 * Only blanks separate thousands. A comma or a point is always the decimal
 * mark, never a thousands separator, so `1,234` in a decimal-comma file is
 * 1.234, and a number that holds the other mark (`1.234` in a
 * decimal-comma file) is not a number of that file.
 */

export type DecimalMark = '.' | ',';

const SPACE = 0x20;
const NO_BREAK_SPACE = 0xa0;
const NARROW_NO_BREAK_SPACE = 0x202f;
const MINUS_SIGN = 0x2212; // Intl 'sv-SE' writes negative numbers with U+2212
const HYPHEN_MINUS = 0x2d;
const POINT = 0x2e;
const COMMA = 0x2c;

function isGroupSeparator(c: number): boolean {
  return c === SPACE || c === NO_BREAK_SPACE || c === NARROW_NO_BREAK_SPACE;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * The value of `text` written with `decimalMark`, or undefined when it is
 * not such a number. Accepted: an optional minus (`-` or `−`), digits that
 * may be grouped by three with blanks (`12 345`), and an optional decimal
 * part (the mark and at least one digit). Surrounding blanks are ignored;
 * no exponent, no thousands commas or points, no currency.
 */
export function parseNumber(text: string, decimalMark: DecimalMark): number | undefined {
  const mark = decimalMark === ',' ? COMMA : POINT;
  let from = 0;
  let to = text.length;
  while (from < to && isBlank(text.charCodeAt(from))) from++;
  while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
  let i = from;
  let negative = false;
  const first = text.charCodeAt(i);
  if (first === HYPHEN_MINUS || first === MINUS_SIGN) {
    negative = true;
    i++;
  }
  // Integer part: digits, optionally in groups of three after the first group.
  let digits = '';
  let groupLength = 0;
  let grouped = false;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) {
      groupLength++;
      continue;
    }
    if (isGroupSeparator(c)) {
      // A separator needs digits before it (1-3 in the first group, exactly 3 later) and a digit after it.
      if (groupLength === 0 || groupLength > 3 || (grouped && groupLength !== 3) || !isDigit(text.charCodeAt(i + 1))) return undefined;
      digits += text.slice(i - groupLength, i);
      grouped = true;
      groupLength = 0;
      continue;
    }
    break;
  }
  if (groupLength === 0 || (grouped && groupLength !== 3)) return undefined;
  digits += text.slice(i - groupLength, i);
  let fraction = '';
  if (i < to) {
    if (text.charCodeAt(i) !== mark) return undefined;
    const fractionStart = ++i;
    while (i < to && isDigit(text.charCodeAt(i))) i++;
    if (i === fractionStart || i !== to) return undefined;
    fraction = text.slice(fractionStart, to);
  }
  // Number() of the canonical form rounds exactly as it does for `12345.50`.
  const value = Number(fraction === '' ? digits : `${digits}.${fraction}`);
  return negative && value !== 0 ? -value : value;
}

/**
 * The decimal mark `text` shows, when it is a number that has one:
 * `12 345,50` → ',', `12345.50` → '.', `12345` or `abc` → undefined.
 */
export function decimalMarkOf(text: string): DecimalMark | undefined {
  const hasComma = text.indexOf(',') >= 0;
  const hasPoint = text.indexOf('.') >= 0;
  if (hasComma === hasPoint) return undefined;
  const mark: DecimalMark = hasComma ? ',' : '.';
  return parseNumber(text, mark) === undefined ? undefined : mark;
}

function isBlank(c: number): boolean {
  return c === SPACE || c === 0x09 || c === NO_BREAK_SPACE || c === NARROW_NO_BREAK_SPACE;
}
