/**
 * Follow-up month windows (data-contract §3), always computed from the
 * randomization day, never chained, so they tile time with no gap.
 */
import { civilFromDay, dayFromCivil, daysInMonth, type Day } from '../time/days.js';

/** Month labels in panel order: −P … −1, then 1 … M. */
export function monthLabels(preMonths: number, followUpMonths: number): Int32Array {
  const labels = new Int32Array(preMonths + followUpMonths);
  for (let k = 0; k < preMonths; k++) labels[k] = k - preMonths;
  for (let m = 1; m <= followUpMonths; m++) labels[preMonths + m - 1] = m;
  return labels;
}

/**
 * Fills `starts` and `ends` (inclusive) with the windows of `labels` for a
 * person randomized on `randomizedOn`. Month m ≥ 1 is
 * [addMonths(r, m − 1), addMonths(r, m) − 1]; month −k is
 * [addMonths(r, −k), addMonths(r, −k + 1) − 1].
 */
export function fillWindows(randomizedOn: Day, labels: Int32Array, starts: Int32Array, ends: Int32Array): void {
  const { year, month, day } = civilFromDay(randomizedOn);
  const base = year * 12 + month - 1;
  for (let t = 0; t < labels.length; t++) {
    const offset = labels[t] > 0 ? labels[t] - 1 : labels[t];
    starts[t] = shifted(base + offset, day);
    ends[t] = shifted(base + offset + 1, day) - 1;
  }
}

/** addMonths for a month index (year * 12 + month − 1) and a day to clamp. */
function shifted(monthIndex: number, day: number): Day {
  const y = Math.floor(monthIndex / 12);
  const m = monthIndex - y * 12 + 1;
  return dayFromCivil(y, m, Math.min(day, daysInMonth(y, m)));
}
