/**
 * One bootstrap interval by the method of the config (methods.md:
 * percentile, basic, normal, bca) from a statistic's replicates, with the
 * rules every method shares: non-finite replicates (a resample that left a
 * cell empty) are left out; a degenerate distribution (every replicate
 * equal) gives the point estimate as both ends, flagged so the run can warn;
 * BCa with every replicate on one side of the estimate (its bias correction
 * infinite) falls back to the percentile interval, flagged likewise.
 */
import type { CiMethod } from '../config/types.js';
import { bcaLevels, normalInterval } from './intervals.js';
import { percentileInterval, quantilePairType7 } from './percentile.js';

export interface CellInterval {
  low: number;
  high: number;
  /** Finite replicates used. */
  used: number;
  degenerate: boolean;
  /** BCa was undefined and the percentile interval is given instead. */
  fellBack: boolean;
}

export function bootstrapInterval(
  method: CiMethod,
  estimate: number,
  replicates: ArrayLike<number>,
  level: number,
  acceleration: number,
  scratch?: Float64Array,
): CellInterval | null {
  if (!Number.isFinite(estimate)) return null;
  if (method === 'percentile' || method === 'basic') {
    const percentile = percentileInterval(replicates, level, scratch);
    if (percentile === null) return null;
    const { used } = percentile;
    if (percentile.degenerate) return { low: estimate, high: estimate, used, degenerate: true, fellBack: false };
    if (method === 'percentile') return { low: percentile.low, high: percentile.high, used, degenerate: false, fellBack: false };
    return { low: 2 * estimate - percentile.high, high: 2 * estimate - percentile.low, used, degenerate: false, fellBack: false };
  }
  // normal and bca on the finite replicates, by selection where bcaInterval would sort (thousands of cells per run);
  // the percentile interval only where BCa is undefined.
  const finite = scratch && scratch.length >= replicates.length ? scratch : new Float64Array(replicates.length);
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < replicates.length; i++) {
    const v = replicates[i];
    if (!Number.isFinite(v)) continue;
    finite[count++] = v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (count === 0) return null;
  if (min === max) return { low: estimate, high: estimate, used: count, degenerate: true, fellBack: false };
  const values = finite.subarray(0, count);
  const other = method === 'normal' ? normalInterval(estimate, values, level) : bcaBySelection(estimate, values, level, acceleration);
  if (other === null) {
    const percentile = percentileInterval(values, level)!;
    return { low: percentile.low, high: percentile.high, used: count, degenerate: false, fellBack: true };
  }
  return { low: other.low, high: other.high, used: count, degenerate: false, fellBack: false };
}

/** bcaInterval's definition (tested against boot there), with its two quantiles selected instead of sorted. */
function bcaBySelection(estimate: number, values: Float64Array, level: number, acceleration: number): { low: number; high: number } | null {
  let below = 0;
  for (let i = 0; i < values.length; i++) if (values[i] < estimate) below++;
  if (below === 0 || below === values.length) return null;
  const [p1, p2] = bcaLevels(below / values.length, level, acceleration);
  const [low, high] = quantilePairType7(values, p1, p2);
  return { low, high };
}
