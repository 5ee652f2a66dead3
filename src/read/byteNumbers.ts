/**
 * The common case of parseNumber (numbers.ts) on bytes: a plain integer
 * such as a cost of `73626`, read without making a string. Anything else
 * (a decimal mark, thousands blanks, U+2212) is left to parseNumber.
 */

/** The value of ASCII `-?[0-9]{1,15}` in bytes[from, to) (as parseNumber gives it: -0 is 0); NaN for anything else. */
export function integerFromBytes(bytes: Uint8Array, from: number, to: number): number {
  const negative = from < to && bytes[from] === 0x2d;
  const start = negative ? from + 1 : from;
  // Fifteen digits stay below 2^53, so the sum is exact, as Number() of the text is.
  if (to === start || to - start > 15) return Number.NaN;
  let value = 0;
  for (let i = start; i < to; i++) {
    const d = bytes[i] - 48;
    if (d < 0 || d > 9) return Number.NaN;
    value = value * 10 + d;
  }
  return negative && value !== 0 ? -value : value;
}
