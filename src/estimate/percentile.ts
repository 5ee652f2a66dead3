import { quickselect } from 'simple-statistics';

export interface Interval {
  low: number;
  high: number;
  /** Replicates that were used (finite ones). */
  used: number;
  /** Every used replicate had the same value. */
  degenerate: boolean;
}

/**
 * R's quantile type 7 on ascending values: linear interpolation between
 * order statistics at h = (n − 1)p. Hand-coded because jStat.percentile
 * returns the order statistic below instead of interpolating when h falls
 * between the last two values (its upper 97.5 % point of 1..10 is 9, not
 * 9.775), and simple-statistics' quantile is not type 7.
 */
export function quantileType7(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
}

/**
 * Percentile bootstrap interval (methods.md): type-7 quantiles of the finite
 * replicates. Returns null when no replicate is finite. The order statistics
 * come from simple-statistics' in-place quickselect on `scratch` (reused
 * between calls), linear rather than a full sort per interval.
 */
export function percentileInterval(values: ArrayLike<number>, level: number, scratch?: Float64Array): Interval | null {
  const finite = finiteValues(values, scratch);
  if (finite === null) return null;
  const used = finite.values.length;
  if (finite.min === finite.max) return { low: finite.min, high: finite.max, used, degenerate: true };
  const [low, high] = percentileEnds(finite.values, level);
  return { low, high, used, degenerate: false };
}

export interface FiniteValues {
  /** The finite values in their order: a view of the scratch array (or of a new one). */
  values: Float64Array;
  min: number;
  max: number;
}

/** The finite values of `values`, copied into `scratch` when it is long enough; null when none is finite. */
export function finiteValues(values: ArrayLike<number>, scratch?: Float64Array): FiniteValues | null {
  const work = scratch && scratch.length >= values.length ? scratch : new Float64Array(values.length);
  let used = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    work[used++] = v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return used === 0 ? null : { values: work.subarray(0, used), min, max };
}

/** The percentile interval's ends of finite values (reordered in place). */
export function percentileEnds(values: Float64Array, level: number): [number, number] {
  const alpha = (1 - level) / 2;
  return quantilePairType7(values, alpha, 1 - alpha);
}

/**
 * quantileType7 without sorting: selects the order statistics at
 * floor(h) and floor(h) + 1 in place. Positions below `from` must already
 * hold values no greater than those at and after it.
 */
function selectType7(values: Float64Array, p: number, from: number): number {
  const n = values.length;
  const h = (n - 1) * p;
  const below = Math.floor(h);
  if (below < from) return quantileType7Sorted2(values, h, below);
  quickselect(values as unknown as number[], below, from, n - 1);
  return quantileType7Sorted2(values, h, below);
}

/** Interpolates between position `below` and the smallest value after it. */
function quantileType7Sorted2(values: Float64Array, h: number, below: number): number {
  const lower = values[below];
  if (below + 1 >= values.length || h === below) return lower;
  let next = Infinity;
  for (let i = below + 1; i < values.length; i++) if (values[i] < next) next = values[i];
  return lower + (h - below) * (next - lower);
}

/**
 * Type-7 quantiles at two levels p1 ≤ p2 of `values` (finite, reordered in
 * place), by selection rather than a full sort, as percentileInterval does.
 */
export function quantilePairType7(values: Float64Array, p1: number, p2: number): [number, number] {
  const low = selectType7(values, p1, 0);
  const high = selectType7(values, p2, Math.floor((values.length - 1) * p1) + 1);
  return [low, high];
}
