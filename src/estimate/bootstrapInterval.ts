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
import { basicInterval, bcaInterval, normalInterval } from './intervals.js';
import { percentileInterval } from './percentile.js';

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
  const percentile = percentileInterval(replicates, level, scratch);
  if (percentile === null) return null;
  const { used } = percentile;
  if (percentile.degenerate) return { low: estimate, high: estimate, used, degenerate: true, fellBack: false };
  if (method === 'percentile') return { low: percentile.low, high: percentile.high, used, degenerate: false, fellBack: false };
  const other = method === 'basic' ? basicInterval(estimate, replicates, level) : method === 'normal' ? normalInterval(estimate, replicates, level) : bcaInterval(estimate, replicates, level, acceleration);
  if (other === null) return { low: percentile.low, high: percentile.high, used, degenerate: false, fellBack: true };
  return { low: other.low, high: other.high, used, degenerate: false, fellBack: false };
}
