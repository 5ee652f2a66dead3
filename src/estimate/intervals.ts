/**
 * Bootstrap interval methods of methods.md beyond the percentile interval:
 * `basic`, `normal` and `bca` (Efron 1987), on a statistic's replicates.
 * Quantiles are R's type 7 (quantileType7), the convention of the
 * percentile interval, so the methods differ only in their definitions.
 */
import { jStat } from './jstatModule.js';
import { quantileType7 } from './percentile.js';

export interface BootstrapInterval {
  low: number;
  high: number;
}

function finiteSorted(replicates: ArrayLike<number>): Float64Array {
  const values: number[] = [];
  for (let i = 0; i < replicates.length; i++) if (Number.isFinite(replicates[i])) values.push(replicates[i]);
  return Float64Array.from(values).sort();
}

/** Basic (reverse percentile): [2θ̂ − q(1 − α/2), 2θ̂ − q(α/2)]. */
export function basicInterval(estimate: number, replicates: ArrayLike<number>, level: number): BootstrapInterval | null {
  const sorted = finiteSorted(replicates);
  if (sorted.length === 0) return null;
  const alpha = (1 - level) / 2;
  return { low: 2 * estimate - quantileType7(sorted, 1 - alpha), high: 2 * estimate - quantileType7(sorted, alpha) };
}

/**
 * Normal, bias-corrected as boot's norm.ci: θ̂ − bias ± z·sd, with
 * bias = mean(θ*) − θ̂ and sd the replicates' standard deviation (n − 1).
 */
export function normalInterval(estimate: number, replicates: ArrayLike<number>, level: number): BootstrapInterval | null {
  const sorted = finiteSorted(replicates);
  const n = sorted.length;
  if (n < 2) return null;
  let mean = 0;
  for (const v of sorted) mean += v;
  mean /= n;
  let ss = 0;
  for (const v of sorted) ss += (v - mean) * (v - mean);
  const half = jStat.normal.inv(1 - (1 - level) / 2, 0, 1) * Math.sqrt(ss / (n - 1));
  const centre = 2 * estimate - mean;
  return { low: centre - half, high: centre + half };
}

/** BCa acceleration from empirical influence values: Σ L³ / (6 (Σ L²)^{3/2}). */
export function accelerationFromInfluence(influence: ArrayLike<number>): number {
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < influence.length; i++) {
    const l = influence[i];
    s2 += l * l;
    s3 += l * l * l;
  }
  return s2 === 0 ? 0 : s3 / (6 * Math.pow(s2, 1.5));
}

/**
 * Influence values of a difference in means between two strata (the arm and
 * the reference), in closed form: the stratified jackknife
 * L_i = (n_s − 1)(θ̂ − θ̂₍₋ᵢ₎) reduces to y_i − ȳ₁ in the arm and −(y_i − ȳ₀)
 * in the reference, so no leave-one-out loop is needed at a million persons.
 */
export function differenceInfluence(y: ArrayLike<number>, inArm: ArrayLike<number>): Float64Array {
  let sum1 = 0;
  let n1 = 0;
  let sum0 = 0;
  let n0 = 0;
  for (let i = 0; i < y.length; i++) {
    if (inArm[i]) {
      sum1 += y[i];
      n1++;
    } else {
      sum0 += y[i];
      n0++;
    }
  }
  const mean1 = sum1 / n1;
  const mean0 = sum0 / n0;
  const influence = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) influence[i] = inArm[i] ? y[i] - mean1 : -(y[i] - mean0);
  return influence;
}

/**
 * BCa: bias correction w = Φ⁻¹(#{θ* < θ̂} / B), acceleration a, and the
 * replicates' quantiles at Φ(w + (w + z_α)/(1 − a(w + z_α))). Returns null
 * when every replicate lies on one side of θ̂ (w infinite).
 */
export function bcaInterval(estimate: number, replicates: ArrayLike<number>, level: number, acceleration: number): BootstrapInterval | null {
  const sorted = finiteSorted(replicates);
  if (sorted.length === 0) return null;
  let below = 0;
  for (const v of sorted) if (v < estimate) below++;
  if (below === 0 || below === sorted.length) return null;
  const [p1, p2] = bcaLevels(below / sorted.length, level, acceleration);
  return { low: quantileType7(sorted, p1), high: quantileType7(sorted, p2) };
}

/** BCa's adjusted levels Φ(w + (w + z_α)/(1 − a(w + z_α))) at α/2 and 1 − α/2, w = Φ⁻¹(share below θ̂). */
export function bcaLevels(shareBelow: number, level: number, acceleration: number): [number, number] {
  const w = jStat.normal.inv(shareBelow, 0, 1);
  const adjusted = (alpha: number): number => {
    const z = jStat.normal.inv(alpha, 0, 1);
    return jStat.normal.cdf(w + (w + z) / (1 - acceleration * (w + z)), 0, 1);
  };
  const alpha = (1 - level) / 2;
  return [adjusted(alpha), adjusted(1 - alpha)];
}
