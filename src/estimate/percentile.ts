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
 * come from finiteQuantilePair, linear rather than a full sort per interval.
 */
export function percentileInterval(values: ArrayLike<number>, level: number, scratch?: Float64Array): Interval | null {
  const finite = finiteSummary(values, NaN);
  if (finite.used === 0) return null;
  const { used } = finite;
  if (finite.min === finite.max) return { low: finite.min, high: finite.max, used, degenerate: true };
  const alpha = (1 - level) / 2;
  const [low, high] = finiteQuantilePair(values, used, alpha, 1 - alpha, scratch);
  return { low, high, used, degenerate: false };
}

export interface FiniteSummary {
  /** Finite values. */
  used: number;
  min: number;
  max: number;
  /** Finite values below `than` (0 when it is NaN). */
  below: number;
}

/**
 * How many of `values` are finite, their extremes, and how many lie below
 * `than`, in one pass and without copying. Counted without branches on
 * the values: replicates lie on both sides of the estimate in random
 * order, where a branch per replicate is mispredicted half the time (twice
 * as slow at B = 2000).
 */
export function finiteSummary(values: ArrayLike<number>, than: number): FiniteSummary {
  let used = 0;
  let below = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) continue;
    used++;
    below += (v < than) as unknown as number;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return { used, min, max, below };
}

/** Share of the values beyond which finiteQuantilePair selects in a copy of them all instead. */
const TAIL_SHARE = 0.25;
/** Values read, evenly spaced, to place the thresholds. */
const SAMPLE = 128;

/**
 * quantilePairType7 of the `used` finite entries of `values` (non-finite
 * ones are skipped), p1 ≤ p2, without reordering `values`: the same
 * numbers as sorting, since both pick the very order statistics type 7
 * interpolates between.
 *
 * A bootstrap interval's ends lie a few dozen replicates from either
 * extreme (the 50th and 1950th of 2000 at 95 %). Evenly spaced values
 * place a threshold safely beyond each end (a few standard errors of the
 * sample's rank), one pass keeps what lies at or beyond the thresholds (ties
 * included: bootstrap shares take few distinct values), and the order
 * statistics are selected among those few. Should a threshold turn
 * out to keep too few values (improbable unless the replicates come
 * sorted), or an end lie far from the extremes, the order statistics are
 * selected in a copy of all the finite values instead. At B = 2000 this
 * reads each replicate once, where copying, two quickselects and the scan
 * for the next order statistic read it three or four times, with a
 * mispredicted branch at most steps. Hand-coded: simple-statistics'
 * quantile sorts or reorders a copy.
 */
export function finiteQuantilePair(values: ArrayLike<number>, used: number, p1: number, p2: number, scratch?: Float64Array): [number, number] {
  const h1 = (used - 1) * p1;
  const below1 = Math.floor(h1);
  const h2 = (used - 1) * p2;
  const below2 = Math.floor(h2);
  // The smallest below1 + 2 and the largest used − below2 hold both pairs of order statistics.
  const smallest = Math.min(below1 + 2, used);
  const largest = used - below2;
  const thresholds = smallest <= TAIL_SHARE * used && largest <= TAIL_SHARE * used ? tailThresholds(values, used, smallest, largest) : null;
  if (thresholds !== null) {
    const [lowThreshold, highThreshold] = thresholds;
    const low = tailBuffer(0, used);
    const high = tailBuffer(1, used);
    let lowCount = 0;
    let highCount = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v <= lowThreshold && v !== -Infinity) low[lowCount++] = v;
      if (v >= highThreshold && v !== Infinity) high[highCount++] = v;
    }
    if (lowCount >= smallest && highCount >= largest) {
      // Every value at or beyond a threshold is kept: the order statistics there are these values' own.
      return [typeSevenAt(low, lowCount, below1, h1, below1, below1 + 1 >= used), typeSevenAt(high, highCount, below2 - (used - highCount), h2, below2, below2 + 1 >= used)];
    }
  }
  const finite = finiteValues(values, scratch)!;
  return quantilePairType7(finite.values, p1, p2);
}

/**
 * Thresholds from evenly spaced finite values such that, with high
 * probability, at least `smallest` values lie below the first and
 * `largest` above the second; null when too few values are finite to tell.
 */
function tailThresholds(values: ArrayLike<number>, used: number, smallest: number, largest: number): [number, number] | null {
  const sample = tailBuffer(2, SAMPLE);
  const step = Math.max(1, Math.floor(values.length / SAMPLE));
  let size = 0;
  for (let i = 0; i < values.length && size < SAMPLE; i += step) {
    const v = values[i];
    if (v - v === 0) sample[size++] = v;
  }
  if (size < SAMPLE / 2) return null;
  const low = sampleRank(smallest, used, size);
  const high = size - 1 - sampleRank(largest, used, size);
  quickselect(sample as unknown as number[], low, 0, size - 1);
  if (high > low) quickselect(sample as unknown as number[], high, low + 1, size - 1);
  else if (high < low) quickselect(sample as unknown as number[], high, 0, low - 1);
  return [sample[low], sample[high]];
}

/**
 * The sample rank (from the end) whose value leaves, with high
 * probability, `count` of the `used` values beyond it: the expected number
 * of sampled values among those `count`, plus three of its standard
 * deviations and one. At B = 2000 and 95 % that keeps about 170 values
 * per end; the fixture's runs fall back in 3 to 10 of some 3,200 intervals.
 */
function sampleRank(count: number, used: number, size: number): number {
  const expected = (count / used) * size;
  return Math.min(size - 1, Math.ceil(expected + 3 * Math.sqrt(expected) + 1));
}

const tailBuffers: Float64Array[] = [new Float64Array(0), new Float64Array(0), new Float64Array(0)];

/** Scratch of at least `length` numbers, kept between calls (one per use: 0 low tail, 1 high tail, 2 sample). */
function tailBuffer(use: number, length: number): Float64Array {
  if (tailBuffers[use].length < length) tailBuffers[use] = new Float64Array(Math.max(length, 2 * tailBuffers[use].length));
  return tailBuffers[use];
}

/** Type 7 at h, below = floor(h), by selecting the order statistic `below` at `at` of the first `count` of `values` (reordered in place). */
function typeSevenAt(values: Float64Array, count: number, at: number, h: number, below: number, last: boolean): number {
  quickselect(values as unknown as number[], at, 0, count - 1);
  return interpolateFromSelected(values, count, at, h, below, last);
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

/**
 * quantileType7 without sorting: selects the order statistics at
 * floor(h) and floor(h) + 1 in place. Positions below `from` must already
 * hold values no greater than those at and after it.
 */
function selectType7(values: Float64Array, p: number, from: number): number {
  const n = values.length;
  const h = (n - 1) * p;
  const below = Math.floor(h);
  if (below >= from) quickselect(values as unknown as number[], below, from, n - 1);
  return interpolateFromSelected(values, n, below, h, below, below + 1 >= n);
}

/**
 * Type 7's value at h, below = floor(h), where order statistic `below`
 * stands at `at` of the first `count` of `values` with every larger one
 * after it: interpolated towards the smallest value after it, unless h is
 * whole or there is no next order statistic (`last`).
 */
function interpolateFromSelected(values: Float64Array, count: number, at: number, h: number, below: number, last: boolean): number {
  const lower = values[at];
  if (last || h === below) return lower;
  let next = Infinity;
  for (let i = at + 1; i < count; i++) if (values[i] < next) next = values[i];
  return lower + (h - below) * (next - lower);
}

/** quantileType7 of `values` (finite, reordered in place), by selection rather than a full sort. */
export function quantileType7InPlace(values: Float64Array, p: number): number {
  return selectType7(values, p, 0);
}

/**
 * Type-7 quantiles at two levels p1 ≤ p2 of `values` (finite, reordered in
 * place), by selection rather than a full sort.
 */
export function quantilePairType7(values: Float64Array, p1: number, p2: number): [number, number] {
  const low = selectType7(values, p1, 0);
  const high = selectType7(values, p2, Math.floor((values.length - 1) * p1) + 1);
  return [low, high];
}
