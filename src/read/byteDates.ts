/**
 * parseDay (time/days.ts) on bytes: the day of an ASCII `YYYY-MM-DD` or
 * `YYYYMMDD`, read without making a string. Spells carry two dates a row,
 * tens of millions of them in a national extract, so the digits are read
 * one by one without a loop.
 */
import { dayFromCivil, daysInMonth, type Day } from '../time/days.js';

/** What dayFromBytes returns for bytes that are not a date that exists (no real day is this far off). */
export const NO_DAY = -0x80000000;

const DASH = 0x2d;

/** The day bytes[from, to) write, exactly as parseDay reads the same text; NO_DAY otherwise. */
export function dayFromBytes(bytes: Uint8Array, from: number, to: number): Day {
  const length = to - from;
  let dashes = 0;
  if (length === 10) {
    if (bytes[from + 4] !== DASH || bytes[from + 7] !== DASH) return NO_DAY;
    dashes = 1;
  } else if (length !== 8) {
    return NO_DAY;
  }
  const y0 = bytes[from] - 48;
  const y1 = bytes[from + 1] - 48;
  const y2 = bytes[from + 2] - 48;
  const y3 = bytes[from + 3] - 48;
  const m0 = bytes[from + 4 + dashes] - 48;
  const m1 = bytes[from + 5 + dashes] - 48;
  const d0 = bytes[from + 6 + 2 * dashes] - 48;
  const d1 = bytes[from + 7 + 2 * dashes] - 48;
  // Unsigned: a byte below '0' wraps to a large number.
  if (y0 >>> 0 > 9 || y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9 || m0 >>> 0 > 9 || m1 >>> 0 > 9 || d0 >>> 0 > 9 || d1 >>> 0 > 9) return NO_DAY;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NO_DAY;
  return dayFromCivil(year, month, day);
}
