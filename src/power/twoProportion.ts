/**
 * The two-sided two-proportion z-test's power, as R's
 * `power.prop.test(strict = FALSE)`, generalized to unequal arms.
 *
 * With n0 persons at share p0 (reference) and n1 at p1, Δ = |p1 − p0|:
 *
 *   p̄ = (n0·p0 + n1·p1) / (n0 + n1)          pooled share under the null
 *   se0 = sqrt(p̄(1 − p̄)·(1/n0 + 1/n1))       SE of the difference under the null
 *   se1 = sqrt(p0(1 − p0)/n0 + p1(1 − p1)/n1)  SE under the alternative
 *   power = Φ((Δ − z_{1−α/2}·se0) / se1)
 *
 * With n0 = n1 = n this is R's formula exactly:
 * Φ((sqrt(n)·Δ − z·sqrt((p0 + p1)(q0 + q1)/2)) / sqrt(p0q0 + p1q1)), since
 * then 2·p̄·q̄ = (p0 + p1)(q0 + q1)/2. Like R's default (strict = FALSE) it
 * leaves out the negligible chance of rejecting in the wrong direction.
 */
import { jStat } from '../estimate/jstatModule.js';

export function twoProportionPower(p0: number, p1: number, n0: number, n1: number, zAlpha: number): number {
  const pooled = (n0 * p0 + n1 * p1) / (n0 + n1);
  const se0 = Math.sqrt(pooled * (1 - pooled) * (1 / n0 + 1 / n1));
  const se1 = Math.sqrt((p0 * (1 - p0)) / n0 + (p1 * (1 - p1)) / n1);
  return jStat.normal.cdf((Math.abs(p1 - p0) - zAlpha * se0) / se1, 0, 1);
}

/**
 * The total number of persons N (real-valued) at which the comparison of an
 * arm holding fraction a1 of all persons with the reference holding a0
 * reaches the power whose quantile is zPower. With n0 = N·a0, n1 = N·a1 the
 * pooled share p̄ = (a0·p0 + a1·p1)/(a0 + a1) does not depend on N, so the
 * power equation solves in closed form:
 *
 *   sqrt(N) = (z_{1−α/2}·sqrt(p̄q̄(1/a0 + 1/a1)) + z_power·sqrt(p0q0/a0 + p1q1/a1)) / Δ
 *
 * Returns 0 when the power is reached at any size (target power below α/2).
 */
export function totalForPower(p0: number, p1: number, a0: number, a1: number, zAlpha: number, zPower: number): number {
  const pooled = (a0 * p0 + a1 * p1) / (a0 + a1);
  const nullScale = Math.sqrt(pooled * (1 - pooled) * (1 / a0 + 1 / a1));
  const alternativeScale = Math.sqrt((p0 * (1 - p0)) / a0 + (p1 * (1 - p1)) / a1);
  const root = (zAlpha * nullScale + zPower * alternativeScale) / Math.abs(p1 - p0);
  return root > 0 ? root * root : 0;
}
