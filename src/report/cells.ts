/**
 * Table cells from result rows: one decimal for percentages and percentage
 * points, "–" for suppressed values, empty where the results hold no value.
 */
import type { EffectRow, ShareRow } from '../results.js';
import { formatInterval, formatP, formatPercent, formatPoints, MISSING_MARK, SUPPRESSED_MARK } from './format.js';

function cell<R extends { suppressed: boolean }>(row: R | undefined, format: (row: R) => string | null): string {
  if (row === undefined) return MISSING_MARK;
  if (row.suppressed) return SUPPRESSED_MARK;
  return format(row) ?? MISSING_MARK;
}

const intervalOf = (low: number | null, high: number | null, joiner: string): string | null =>
  low === null || high === null ? null : formatInterval(low, high, joiner);

export const personsCell = (row: ShareRow | undefined): string => cell(row, (r) => (r.n === null ? null : String(r.n)));

export const shareCell = (row: ShareRow | undefined): string => cell(row, (r) => (r.share === null ? null : formatPercent(r.share)));

export const intervalCell = (row: ShareRow | EffectRow | undefined, joiner: string): string => cell(row, (r) => intervalOf(r.ci_low, r.ci_high, joiner));

/** "18.1 % (14.2 to 22.4)". */
export const shareWithIntervalCell = (row: ShareRow | undefined, joiner: string): string =>
  cell(row, (r) => {
    if (r.share === null) return null;
    const interval = intervalOf(r.ci_low, r.ci_high, joiner);
    return interval === null ? formatPercent(r.share) : `${formatPercent(r.share)} (${interval})`;
  });

export const estimateCell = (row: EffectRow | undefined): string => cell(row, (r) => (r.estimate === null ? null : formatPoints(r.estimate)));

export const seCell = (row: EffectRow | undefined): string => cell(row, (r) => (r.se === null ? null : formatPoints(r.se)));

export const pCell = (row: EffectRow | undefined): string => cell(row, (r) => (r.p === null ? null : formatP(r.p)));

/** Whether any cell shows a suppressed value (the table then needs the footnote). */
export function showsSuppressed(rows: string[][]): boolean {
  return rows.some((row) => row.includes(SUPPRESSED_MARK));
}
