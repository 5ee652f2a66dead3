/**
 * The power of a given design: persons per arm known, effect assumed.
 */
import { UsageError } from '../errors.js';
import { resolvePowerDesign, type Adjustment, type ResolvedPowerDesign } from './design.js';
import { twoProportionPower } from './twoProportion.js';

export interface DesignPowerOptions {
  p0: number;
  /** p1 − p0, the same for every non-reference arm. */
  effect: number;
  /** Persons per arm, reference first. */
  perArm: readonly number[];
  alpha?: number;
  adjust?: Adjustment;
}

export interface DesignPowerResult {
  design: ResolvedPowerDesign;
  p1: number;
  /** Power of each non-reference arm's comparison with the reference. */
  powerByComparison: number[];
}

/** @example powerForDesign({ p0: 0.5, effect: 0.25, perArm: [50, 50] }).powerByComparison[0] // 0.7401659, as R */
export function powerForDesign(options: DesignPowerOptions): DesignPowerResult {
  const { perArm, effect } = options;
  if (perArm.length < 2 || !perArm.every((n) => Number.isFinite(n) && n > 0)) {
    throw new UsageError(`perArm: expected a positive number of persons for each of at least two arms (got ${perArm.join(', ')})`);
  }
  const design = resolvePowerDesign({ p0: options.p0, alpha: options.alpha, adjust: options.adjust, ratio: perArm });
  const p1 = design.p0 + effect;
  if (!Number.isFinite(effect) || !(p1 > 0 && p1 < 1)) {
    throw new UsageError(`effect: expected p0 + effect strictly between 0 and 1 (got p0 + effect = ${p1})`);
  }
  const powerByComparison = perArm.slice(1).map((n1) => twoProportionPower(design.p0, p1, perArm[0], n1, design.zAlpha));
  return { design, p1, powerByComparison };
}
