/**
 * Number formatting for report text and tables. Fixed-point formatting by
 * hand (not Intl), so output is the same on every machine and locale.
 */

/** Shown in place of a suppressed value (disclosure control). */
export const SUPPRESSED_MARK = '–';

/** Shown where the results hold no row at all. */
export const MISSING_MARK = '';

/** `toFixed` without the "-0.0" that a tiny negative value rounds to. */
export function fixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** Share 0.2599 → "26.0 %". */
export function formatPercent(share: number): string {
  return `${fixed(share * 100, 1)} %`;
}

/** Difference of shares 0.0796 → "8.0" (percentage points). */
export function formatPoints(difference: number): string {
  return fixed(difference * 100, 1);
}

/** Interval in percent or percentage points: "2.0 to 13.9". */
export function formatInterval(low: number, high: number, joiner: string): string {
  return `${fixed(low * 100, 1)} ${joiner} ${fixed(high * 100, 1)}`;
}

/** Two-sided p-value: "0.011", or "< 0.001" below a thousandth. */
export function formatP(p: number): string {
  return p < 0.001 ? '< 0.001' : fixed(p, 3);
}

/** "p = 0.011" or "p < 0.001" for running text. */
export function formatPClause(p: number): string {
  const text = formatP(p);
  return text.startsWith('<') ? `p ${text}` : `p = ${text}`;
}

/** Whole counts with a thin space as thousands separator: 24 510. */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
}

/** Confidence level 0.95 → "95 %". */
export function formatLevel(level: number): string {
  return `${Number((level * 100).toFixed(1))} %`;
}

/**
 * Decimals for a person-level outcome in its own units, from the largest
 * magnitude among its values: whole numbers from 1 000 (kronor, days), one
 * decimal from 10, two below. One choice per outcome, so the means, effects
 * and interval ends of an outcome line up.
 */
export function amountDecimals(values: readonly (number | null)[]): number {
  const largest = Math.max(0, ...values.filter((v): v is number => v !== null && Number.isFinite(v)).map(Math.abs));
  return largest >= 1000 ? 0 : largest >= 10 ? 1 : 2;
}

/** A value in its own units with thin-space thousands: 1 794.3, -12 050. */
export function formatAmount(value: number, decimals: number): string {
  const text = fixed(value, decimals);
  const sign = text.startsWith('-') ? '-' : '';
  const [whole, fraction] = text.slice(sign.length).split('.');
  return `${sign}${formatCount(Number(whole))}${fraction === undefined ? '' : `.${fraction}`}`;
}
