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
import { finiteValues, percentileEnds, quantilePairType7 } from './percentile.js';

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
  const finite = finiteValues(replicates, scratch);
  if (finite === null) return null;
  const { values } = finite;
  const used = values.length;
  if (finite.min === finite.max) return { low: estimate, high: estimate, used, degenerate: true, fellBack: false };
  if (method === 'percentile' || method === 'basic') {
    const [low, high] = percentileEnds(values, level);
    if (method === 'percentile') return { low, high, used, degenerate: false, fellBack: false };
    return { low: 2 * estimate - high, high: 2 * estimate - low, used, degenerate: false, fellBack: false };
  }
  // normal and bca by selection where bcaInterval would sort (thousands of cells per run); the percentile ends only where BCa is undefined.
  const other = method === 'normal' ? normalInterval(estimate, values, level) : bcaBySelection(estimate, values, level, acceleration);
  if (other === null) {
    const [low, high] = percentileEnds(values, level);
    return { low, high, used, degenerate: false, fellBack: true };
  }
  return { low: other.low, high: other.high, used, degenerate: false, fellBack: false };
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
