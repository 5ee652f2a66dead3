/**
 * Table cells from result rows: one decimal for percentages and percentage
 * points, "–" for suppressed values, empty where the results hold no value.
 */
import type { EffectRow, ShareRow } from '../results.js';
import { formatAmount, formatInterval, formatP, formatPercent, formatPoints, MISSING_MARK, SUPPRESSED_MARK } from './format.js';

function cell<R extends { suppressed: boolean }>(row: R | undefined, format: (row: R) => string | null): string {
  if (row === undefined) return MISSING_MARK;
  if (row.suppressed) return SUPPRESSED_MARK;
  return format(row) ?? MISSING_MARK;
}

const intervalOf = (low: number | null, high: number | null, joiner: string): string | null =>
  low === null || high === null ? null : formatInterval(low, high, joiner);

export const personsCell = (row: ShareRow | undefined): string => cell(row, (r) => (r.n === null ? null : String(r.n)));

export const shareCell = (row: ShareRow | undefined): string => cell(row, (r) => (r.share === null ? null : formatPercent(r.share)));

export const intervalCell = (row: { ci_low: number | null; ci_high: number | null; suppressed: boolean } | undefined, joiner: string): string => cell(row, (r) => intervalOf(r.ci_low, r.ci_high, joiner));

/** "18.1 % (14.2 to 22.4)". */
export const shareWithIntervalCell = (row: ShareRow | undefined, joiner: string): string =>
  cell(row, (r) => {
    if (r.share === null) return null;
    const interval = intervalOf(r.ci_low, r.ci_high, joiner);
    return interval === null ? formatPercent(r.share) : `${formatPercent(r.share)} (${interval})`;
  });

export const estimateCell = (row: { estimate: number | null; suppressed: boolean } | undefined): string => cell(row, (r) => (r.estimate === null ? null : formatPoints(r.estimate)));

export const seCell = (row: EffectRow | undefined): string => cell(row, (r) => (r.se === null ? null : formatPoints(r.se)));

export const pCell = (row: { p: number | null; suppressed: boolean } | undefined): string => cell(row, (r) => (r.p === null ? null : formatP(r.p)));

/** Holm-adjusted p; empty for a row outside the primary family (no `p_holm`). */
export const pHolmCell = (row: EffectRow | undefined): string => cell(row, (r) => (r.p_holm === undefined || r.p_holm === null ? null : formatP(r.p_holm)));

/** The simultaneous band in percentage points; empty where the row has none. */
export const bandCell = (row: EffectRow | undefined, joiner: string): string => cell(row, (r) => intervalOf(r.band_low ?? null, r.band_high ?? null, joiner));

/** A value in its outcome's own units (person-level outcomes), "–" when suppressed. */
export function amountCell<R extends { suppressed: boolean }>(row: R | undefined, value: (row: R) => number | null, decimals: number): string {
  return cell(row, (r) => {
    const v = value(r);
    return v === null ? null : formatAmount(v, decimals);
  });
}

/** "1 200 to 2 400" in the outcome's own units. */
export function amountIntervalCell<R extends { suppressed: boolean; ci_low: number | null; ci_high: number | null }>(row: R | undefined, decimals: number, joiner: string): string {
  return cell(row, (r) => (r.ci_low === null || r.ci_high === null ? null : `${formatAmount(r.ci_low, decimals)} ${joiner} ${formatAmount(r.ci_high, decimals)}`));
}

/** Whether any cell shows a suppressed value (the table then needs the footnote). */
export function showsSuppressed(rows: string[][]): boolean {
  return rows.some((row) => row.includes(SUPPRESSED_MARK));
}
