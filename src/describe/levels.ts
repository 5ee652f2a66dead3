/**
 * The order of category levels in every table: Swedish alphabetical order
 * (å, ä, ö after z, as a Swedish reader expects municipality names) with
 * numbers compared as numbers (F9 before F10), then by code points so that
 * two texts the collator calls equal still get a fixed order.
 */
const COLLATOR = new Intl.Collator('sv', { numeric: true });

export function compareLevels(a: string, b: string): number {
  return COLLATOR.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function sortedLevels(levels: Iterable<string>): string[] {
  return [...new Set(levels)].sort(compareLevels);
}

/** How a missing value (an empty field) is labelled in tables. */
export const MISSING_LABEL = '(missing)';

/** Map key of a level; null (missing) cannot collide with any text. */
export function levelKey(level: string | null): string {
  return level === null ? '\u0000' : `=${level}`;
}
