/**
 * Follow-up window ends of data-contract §3 for one person, computed by
 * walking month starts forward from the randomization day's calendar date
 * instead of one `addMonths` per month (the simulator needs some 45 per
 * person, for millions of persons). Same result as addMonths(r, k) − 1.
 */
import { civilFromDay, dayFromCivil, daysInMonth, type Day } from '../time/days.js';

/**
 * Fills out[k − firstMonth] = windowEnd(k) = addMonths(r, k) − 1 for
 * k = firstMonth, firstMonth + 1, … until the first k ≥ 1 whose window ends on
 * or after `until`, and returns that k (the last month the person needs).
 * `out` must be long enough: lastMonthNeeded(earliest r, until) − firstMonth + 1.
 */
export function fillWindowEnds(r: Day, firstMonth: number, until: Day, out: Int32Array): number {
  const { year, month, day } = civilFromDay(r);
  const monthIndex = year * 12 + (month - 1) + firstMonth; // year × 12 + month − 1 of the first target month
  let targetYear = Math.floor(monthIndex / 12);
  let targetMonth = monthIndex - targetYear * 12 + 1;
  let firstOfMonth = dayFromCivil(targetYear, targetMonth, 1);
  for (let k = firstMonth; ; k++) {
    const length = daysInMonth(targetYear, targetMonth);
    // addMonths clamps the day to the month's last day; the window ends the day before.
    const end = firstOfMonth + Math.min(day, length) - 2;
    out[k - firstMonth] = end;
    if (k >= 1 && end >= until) return k;
    firstOfMonth += length;
    if (targetMonth === 12) {
      targetMonth = 1;
      targetYear++;
    } else {
      targetMonth++;
    }
  }
}

/** The first month k ≥ 1 whose window (from randomization day r) ends on or after `until`. */
export function lastMonthNeeded(r: Day, until: Day): number {
  const scratch = new Int32Array(monthsSpanned(r, until) + 2);
  return fillWindowEnds(r, 1, until, scratch);
}

/** An upper bound on the months from r to `until` (at least 1). */
function monthsSpanned(r: Day, until: Day): number {
  return Math.max(1, Math.ceil((until - r) / 28) + 1);
}
