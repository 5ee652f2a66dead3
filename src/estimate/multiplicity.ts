/**
 * Multiplicity (methods.md): Holm's step-down adjustment over a family of
 * p-values, and sup-t simultaneous bands over an effect curve from the
 * bootstrap replicates (Montiel Olea & Plagborg-Møller 2019).
 */
import { quantileType7InPlace } from './percentile.js';

/** Holm-adjusted p-values, in the input order (as R's p.adjust(method = "holm")). */
export function holmAdjust(p: readonly number[]): number[] {
  const m = p.length;
  const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b] || a - b);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p[index]));
    adjusted[index] = running;
  });
  return adjusted;
}

/** Bonferroni-adjusted p-values (p.adjust(method = "bonferroni")). */
export function bonferroniAdjust(p: readonly number[]): number[] {
  return p.map((value) => Math.min(1, value * p.length));
}

export interface SupTBand {
  /** The critical value c: the band is estimate ± c · se* at every point. */
  critical: number;
  low: Float64Array;
  high: Float64Array;
}

/**
 * Sup-t band for a curve of `points` estimates from `replicates`
 * bootstrap replicates stored point-major (replicates[t * B + b]): se*_t is
 * the replicates' standard deviation at t, c the level-quantile of
 * max_t |θ*_t − θ̂_t| / se*_t over replicates. Points with se* = 0 (a
 * degenerate distribution) keep their estimate and do not enter the maximum.
 */
export function supTBand(estimates: ArrayLike<number>, replicates: Float64Array, B: number, level: number): SupTBand {
  const points = estimates.length;
  const se = new Float64Array(points);
  for (let t = 0; t < points; t++) se[t] = standardDeviation(replicates, t * B, B);
  const maxima = new Float64Array(B);
  for (let t = 0; t < points; t++) if (se[t] > 0) raiseToStandardized(maxima, replicates, t * B, estimates[t], se[t]);
  const critical = quantileType7InPlace(maxima, level);
  const low = new Float64Array(points);
  const high = new Float64Array(points);
  for (let t = 0; t < points; t++) {
    low[t] = estimates[t] - critical * se[t];
    high[t] = estimates[t] + critical * se[t];
  }
  return { critical, low, high };
}

/**
 * The standard deviation (n − 1) of values[from … from + n − 1]. This and
 * raiseToStandardized are functions of their own so that V8 optimises
 * these loops at once: inside supTBand each loop waited for on-stack
 * replacement of the whole function, which was then deoptimised on the
 * code after it, on every curve (16 times at the fixture).
 */
function standardDeviation(values: Float64Array, from: number, n: number): number {
  let mean = 0;
  for (let b = 0; b < n; b++) mean += values[from + b];
  mean /= n;
  let ss = 0;
  for (let b = 0; b < n; b++) ss += (values[from + b] - mean) ** 2;
  return Math.sqrt(ss / (n - 1));
}

/** maxima[b] = max(maxima[b], |replicates[from + b] − estimate| / se): one point's share of each replicate's maximum, read in order. */
function raiseToStandardized(maxima: Float64Array, replicates: Float64Array, from: number, estimate: number, se: number): void {
  for (let b = 0; b < maxima.length; b++) {
    const z = Math.abs(replicates[from + b] - estimate) / se;
    if (z > maxima[b]) maxima[b] = z;
  }
}
