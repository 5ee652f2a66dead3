/**
 * Swedish personal identity numbers (personnummer, and samordningsnummer
 * whose day of birth is written plus 60) are direct identifiers: an
 * evaluation works on pseudonymized ids such as SCB's LopNr, and a person_id
 * column that holds identity numbers stops the read.
 *
 * Recognised forms: YYMMDDNNNC (10 digits) and YYYYMMDDNNNC (12 digits, a
 * century 18, 19 or 20), optionally with `-` or `+` before the last four;
 * the date part must exist (day 00 and day 60, an unknown day, included);
 * C is the Luhn check digit over the 10-digit form.
 */
import { isLeapYear } from '../time/days.js';

export type IdentityNumberKind =
  /** Not shaped like an identity number at all (e.g. LopNr 1234567). */
  | 'other'
  /** Shaped like one, but the check digit is wrong: what a random number of that length usually is. */
  | 'bad-check-digit'
  /** A personnummer or samordningsnummer with a valid check digit. */
  | 'identity-number';

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function classifyIdentityNumber(text: string): IdentityNumberKind {
  const n = text.length;
  if (n < 10 || n > 13) return 'other';
  let digits = text;
  if (n === 11 || n === 13) {
    const separator = text.charCodeAt(n - 5);
    if (separator !== 0x2d && separator !== 0x2b) return 'other';
    digits = text.slice(0, n - 5) + text.slice(n - 4);
  }
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 57) return 'other';
  }
  const ten = digits.length === 12 ? digits.slice(2) : digits;
  const yy = Number(ten.slice(0, 2));
  const month = Number(ten.slice(2, 4));
  let day = Number(ten.slice(4, 6));
  if (day >= 60) day -= 60;
  if (month < 1 || month > 12) return 'other';
  let leap = yy % 4 === 0; // a leap year in 19YY or 20YY
  if (digits.length === 12) {
    const century = Number(digits.slice(0, 2));
    if (century < 18 || century > 20) return 'other';
    leap = isLeapYear(century * 100 + yy);
  }
  const monthDays = month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1];
  if (day > monthDays) return 'other';
  return luhnValid(ten) ? 'identity-number' : 'bad-check-digit';
}

/** The Luhn check (weights 2, 1, 2, … over the 10 digits, the check digit included). */
function luhnValid(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = tenDigits.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
