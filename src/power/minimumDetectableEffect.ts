/**
 * The smallest effect a design can detect (eval power --n): for N persons in
 * total, split by the ratio, the smallest increase D = p1 − p0 at which every
 * comparison with the reference reaches the target power.
 */
import { bisect } from 'simple-statistics';
import { UsageError } from '../errors.js';
import { resolvePowerDesign, type PowerDesign, type ResolvedPowerDesign } from './design.js';
import { twoProportionPower } from './twoProportion.js';

export interface MinimumDetectableEffectResult {
  design: ResolvedPowerDesign;
  totalN: number;
  /** Persons per arm, real-valued (totalN × fraction), reference first. */
  perArm: number[];
  /** The largest of effectByComparison: detectable in every comparison. */
  effect: number;
  p1: number;
  /** Minimum detectable effect of each non-reference arm's comparison. */
  effectByComparison: number[];
}

// Grid points scanned for the first crossing before bisection refines it.
const SCAN_STEPS = 1024;

/**
 * The effect is solved as an increase, like R's power.prop.test solving p2 on
 * (p1, 1).
 * @example minimumDetectableEffect({ p0: 0.5, totalN: 100, power: 0.9 }).p1 // 0.8026, R's p2
 */
export function minimumDetectableEffect(options: PowerDesign & { totalN: number }): MinimumDetectableEffectResult {
  const design = resolvePowerDesign(options);
  const { totalN } = options;
  if (!Number.isFinite(totalN) || totalN < 2 * design.ratio.length) {
    throw new UsageError(`n: expected at least 2 persons per arm in total (${2 * design.ratio.length} for ${design.ratio.length} arms), got ${totalN}`);
  }
  const perArm = design.fractions.map((a) => totalN * a);
  const effectByComparison = perArm.slice(1).map((n1) => {
    const effect = smallestEffect(design, perArm[0], n1);
    if (effect === undefined) {
      throw new UsageError(
        `no increase up to p1 = 1 reaches power ${design.power} with ${totalN} persons (α = ${design.alphaPerComparison} per comparison): more persons are needed`,
      );
    }
    return effect;
  });
  const effect = Math.max(...effectByComparison);
  return { design, totalN, perArm, effect, p1: design.p0 + effect, effectByComparison };
}

/**
 * Power need not rise monotonically in D over the whole of (0, 1 − p0) for
 * tiny arms, so a grid scan finds the first D that reaches the power and
 * bisection (simple-statistics) narrows the bracket below it; no closed form
 * exists because both standard errors depend on p1.
 */
function smallestEffect(design: ResolvedPowerDesign, n0: number, n1: number): number | undefined {
  const { p0, zAlpha, power } = design;
  const shortfall = (d: number) => twoProportionPower(p0, p0 + d, n0, n1, zAlpha) - power;
  const top = 1 - p0;
  let below = 0;
  for (let i = 1; i <= SCAN_STEPS; i++) {
    const d = (top * i) / SCAN_STEPS;
    if (shortfall(d) >= 0) return bisect(shortfall, below, d, 200, 1e-13);
    below = d;
  }
  return undefined;
}
