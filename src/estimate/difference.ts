import { jStat } from './jstatModule.js';

/**
 * Analytic standard error of a difference in shares (methods.md, `diff`):
 * sqrt(s1²/n1 + s0²/n0) with sample variances on n − 1, which for a 0/1
 * outcome is n·p(1 − p)/(n − 1). Null when an arm has fewer than 2 persons.
 */
export function differenceSe(events1: number, n1: number, events0: number, n0: number): number | null {
  if (n1 < 2 || n0 < 2) return null;
  const p1 = events1 / n1;
  const p0 = events0 / n0;
  const var1 = (n1 * p1 * (1 - p1)) / (n1 - 1);
  const var0 = (n0 * p0 * (1 - p0)) / (n0 - 1);
  return Math.sqrt(var1 / n1 + var0 / n0);
}

/**
 * Two-sided p-value from the normal approximation. With a zero SE (both arms
 * all 0 or all 1) there is no sampling variation: p is 1 for a zero
 * estimate and 0 otherwise.
 */
export function normalPValue(estimate: number, se: number): number {
  if (se === 0) return estimate === 0 ? 1 : 0;
  return 2 * jStat.normal.cdf(-Math.abs(estimate / se), 0, 1);
}
