/**
 * Number formats of the balance and cost-effectiveness tables, built on
 * format.ts (fixed-point by hand: the same text on every machine).
 */
import { fixed, formatCount, formatPercent, SUPPRESSED_MARK } from '../format.js';

/** Whole SEK with thin-space thousands, signed as the other tables: 33 320, -1 250. */
export function formatSek(value: number): string {
  const text = fixed(value, 0);
  return text.startsWith('-') ? `-${formatCount(Number(text.slice(1)))}` : formatCount(Number(text));
}

/** "33 320 (29 800 to 36 900)"; the point alone without an interval. */
export function withInterval(value: string, low: string | null, high: string | null, joiner: string): string {
  return low === null || high === null ? value : `${value} (${low} ${joiner} ${high})`;
}

/** A value that may be withheld: "–" when suppressed, the format otherwise. */
export function shown(value: number | null, suppressed: boolean, format: (value: number) => string): string {
  if (suppressed && value === null) return SUPPRESSED_MARK;
  return value === null ? '' : format(value);
}

/** Person-months: 0.48. */
export const formatMonths = (value: number): string => fixed(value, 2);

/** SMD with three decimals, so a value shown as 0.100 is not flagged while 0.101 is. */
export const formatSmd = (value: number): string => fixed(value, 3);

/** A balance mean: a share as a percent, any other mean with two decimals. */
export function formatMean(value: number, kind: 'numeric' | 'binary'): string {
  return kind === 'binary' ? formatPercent(value) : fixed(value, 2);
}
