/**
 * Calendar days as integers (days since 1970-01-01).
 *
 * Hand-coded rather than built on `Date`: a national extract holds tens of
 * millions of dates, and `Date` objects allocate, carry a time zone and roll
 * invalid dates over (2015-02-30 becomes 2015-03-02) where the data contract
 * demands an error. The conversions are Howard Hinnant's `days_from_civil` /
 * `civil_from_days` algorithms, exact for the proleptic Gregorian calendar.
 */

/** A calendar day: whole days since 1970-01-01. */
export type Day = number;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

/** The day number of year-month-day (month and day 1-based); no validation. */
export function dayFromCivil(year: number, month: number, day: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year, month (1-12) and day of a day number. */
export function civilFromDay(d: Day): { year: number; month: number; day: number } {
  const z = d + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/**
 * `addMonths(d, k)` of data-contract §3: k calendar months later (or earlier
 * for negative k), the day clamped to the last day of the target month.
 */
export function addMonths(d: Day, k: number): Day {
  const { year, month, day } = civilFromDay(d);
  const monthIndex = year * 12 + (month - 1) + k;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return dayFromCivil(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** ISO `YYYY-MM-DD`. */
export function formatDay(d: Day): string {
  const { year, month, day } = civilFromDay(d);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * Parses `YYYY-MM-DD` or `YYYYMMDD` into a day number; `undefined` when the
 * text is not such a date or the date does not exist (2015-02-30).
 */
export function parseDay(text: string): Day | undefined {
  let year: number;
  let month: number;
  let day: number;
  if (text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    year = digits(text, 0, 4);
    month = digits(text, 5, 7);
    day = digits(text, 8, 10);
  } else if (text.length === 8) {
    year = digits(text, 0, 4);
    month = digits(text, 4, 6);
    day = digits(text, 6, 8);
  } else {
    return undefined;
  }
  if (year < 0 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  return dayFromCivil(year, month, day);
}

/** The integer in text[from, to) when it is all ASCII digits, else -1. */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}
