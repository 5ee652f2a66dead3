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
import { finiteQuantilePair, finiteSummary, finiteValues } from './percentile.js';

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
  const finite = finiteSummary(replicates, estimate);
  const { used } = finite;
  if (used === 0) return null;
  if (finite.min === finite.max) return { low: estimate, high: estimate, used, degenerate: true, fellBack: false };
  const alpha = (1 - level) / 2;
  if (method === 'percentile' || method === 'basic') {
    const [low, high] = finiteQuantilePair(replicates, used, alpha, 1 - alpha, scratch);
    if (method === 'percentile') return { low, high, used, degenerate: false, fellBack: false };
    return { low: 2 * estimate - high, high: 2 * estimate - low, used, degenerate: false, fellBack: false };
  }
  // normal and bca by selection where bcaInterval would sort (thousands of cells per run); the percentile ends only where BCa is undefined.
  const other = method === 'normal' ? normalInterval(estimate, finiteValues(replicates, scratch)!.values, level) : bcaBySelection(replicates, used, finite.below, level, acceleration, scratch);
  if (other === null) {
    const [low, high] = finiteQuantilePair(replicates, used, alpha, 1 - alpha, scratch);
    return { low, high, used, degenerate: false, fellBack: true };
  }
  return { low: other.low, high: other.high, used, degenerate: false, fellBack: false };
}

/** bcaInterval's definition (tested against boot there), with its two quantiles selected instead of sorted. */
function bcaBySelection(replicates: ArrayLike<number>, used: number, below: number, level: number, acceleration: number, scratch?: Float64Array): { low: number; high: number } | null {
  if (below === 0 || below === used) return null;
  const [p1, p2] = bcaLevels(below / used, level, acceleration);
  const [low, high] = finiteQuantilePair(replicates, used, p1, p2, scratch);
  return { low, high };
}
