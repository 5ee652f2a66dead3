/**
 * Persons needed to detect an effect (eval power --effect): the N per arm
 * and in total at which every comparison with the reference reaches the
 * target power.
 */
import { UsageError } from '../errors.js';
import { resolvePowerDesign, type PowerDesign, type ResolvedPowerDesign } from './design.js';
import { totalForPower, twoProportionPower } from './twoProportion.js';

export interface SampleSizeResult {
  design: ResolvedPowerDesign;
  /** Difference p1 − p0 to detect. */
  effect: number;
  p1: number;
  /** Real-valued total at which the weakest comparison has exactly the target power. */
  exactTotal: number;
  /** Real-valued persons per arm at exactTotal, reference first (R's `n` for two equal arms). */
  exactPerArm: number[];
  /** Persons per arm, each rounded up, reference first. */
  perArm: number[];
  /** Sum of perArm. */
  total: number;
  /** Power of each non-reference arm's comparison at perArm (index 0 = second arm). */
  achievedPower: number[];
}

/**
 * @example sampleSizeForEffect({ p0: 0.5, effect: 0.25, power: 0.9 }).exactPerArm[0] // 76.707, R's n = 76.7
 */
export function sampleSizeForEffect(options: PowerDesign & { effect: number }): SampleSizeResult {
  const design = resolvePowerDesign(options);
  const { effect } = options;
  const p1 = design.p0 + effect;
  if (!Number.isFinite(effect) || effect === 0 || !(p1 > 0 && p1 < 1)) {
    throw new UsageError(`effect: expected a non-zero difference with p0 + effect strictly between 0 and 1 (got ${effect}, p0 + effect = ${p1})`);
  }
  const { fractions, zAlpha, zPower } = design;
  // The effect is the same for every arm, so the arm with the smallest
  // fraction sets the total; taking the maximum covers any ratio.
  let exactTotal = 0;
  for (let k = 1; k < fractions.length; k++) {
    exactTotal = Math.max(exactTotal, totalForPower(design.p0, p1, fractions[0], fractions[k], zAlpha, zPower));
  }
  const exactPerArm = fractions.map((a) => exactTotal * a);
  // Rounding each arm up keeps every comparison at or above the target
  // power; a relative tolerance stops 76.0000000001 from becoming 77.
  const perArm = exactPerArm.map((n) => Math.max(1, Math.ceil(n * (1 - 1e-12))));
  const achievedPower = perArm.slice(1).map((n1) => twoProportionPower(design.p0, p1, perArm[0], n1, zAlpha));
  return { design, effect, p1, exactTotal, exactPerArm, perArm, total: perArm.reduce((s, n) => s + n, 0), achievedPower };
}
