/**
 * The cost-effectiveness acceptability curve (methods.md): at a value λ of
 * one work-month, the share of bootstrap replicates whose net monetary
 * benefit λ·Δwork-months − Δcost is above 0. Replicates with a non-finite
 * difference (a cell nobody was drawn into) are left out of the share.
 */
import type { CeacPoint } from '../results.js';

export function acceptabilityCurve(deltaCost: ArrayLike<number>, deltaWorkMonths: ArrayLike<number>, values: readonly number[]): CeacPoint[] {
  let used = 0;
  for (let b = 0; b < deltaCost.length; b++) if (Number.isFinite(deltaCost[b]) && Number.isFinite(deltaWorkMonths[b])) used++;
  return values.map((value) => {
    let accepted = 0;
    for (let b = 0; b < deltaCost.length; b++) {
      const c = deltaCost[b];
      const e = deltaWorkMonths[b];
      if (Number.isFinite(c) && Number.isFinite(e) && value * e - c > 0) accepted++;
    }
    return { value, probability: used === 0 ? 0 : accepted / used };
  });
}

/** Lowest and highest end of the value grid, SEK per work-month. */
export const CEAC_MIN_TOP = 50_000;
export const CEAC_MAX_TOP = 200_000;
export const CEAC_STEPS = 100;

/**
 * Values 0 … top in CEAC_STEPS equal steps. The top is the nice number
 * (1, 2, 2.5 or 5 × 10^k) at or above three times the largest positive ICER
 * point estimate given, kept within 50 000 … 200 000 SEK (the range of a
 * monthly wage cost, where a decision lies), and at least twice
 * valuePerWorkMonth when that is set, so the curve shows the decision value
 * well inside the chart.
 */
export function ceacValues(icers: readonly number[], valuePerWorkMonth: number | null): number[] {
  const largest = Math.max(0, ...icers.filter((icer) => Number.isFinite(icer) && icer > 0));
  let top = Math.min(CEAC_MAX_TOP, Math.max(CEAC_MIN_TOP, 3 * largest));
  if (valuePerWorkMonth !== null && valuePerWorkMonth > 0) top = Math.max(top, 2 * valuePerWorkMonth);
  top = niceCeiling(top);
  return Array.from({ length: CEAC_STEPS + 1 }, (_, i) => (top * i) / CEAC_STEPS);
}

/** The smallest 1, 2, 2.5 or 5 × 10^k at or above x (x > 0). */
export function niceCeiling(x: number): number {
  const power = 10 ** Math.floor(Math.log10(x));
  for (const factor of [1, 2, 2.5, 5, 10]) if (factor * power >= x * (1 - 1e-12)) return factor * power;
  return 10 * power;
}
