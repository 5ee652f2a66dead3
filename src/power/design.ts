/**
 * What every power calculation shares (methods.md "Power"): the reference
 * share, the significance level split over the comparisons, the target power
 * and the allocation ratio, checked once and with the normal quantiles the
 * formulas need.
 */
import { jStat } from '../estimate/jstatModule.js';
import { UsageError } from '../errors.js';

/** Multiplicity adjustment for planning over the k − 1 comparisons with the reference. */
export type Adjustment = 'none' | 'bonferroni' | 'holm';
export const ADJUSTMENTS: readonly Adjustment[] = ['none', 'bonferroni', 'holm'];

export interface PowerDesign {
  /** Share in the outcome in the reference arm, strictly between 0 and 1. */
  p0: number;
  /** Two-sided significance level for the whole family of comparisons (default 0.05). */
  alpha?: number;
  /** Target power of every comparison (default 0.8). */
  power?: number;
  /** Allocation weights by arm, reference arm first (default [1, 1]: two equal arms). */
  ratio?: readonly number[];
  /** Default 'none'. */
  adjust?: Adjustment;
}

export interface ResolvedPowerDesign {
  p0: number;
  alpha: number;
  power: number;
  ratio: number[];
  /** Each arm's share of all persons: ratio / sum(ratio). */
  fractions: number[];
  adjust: Adjustment;
  /** Comparisons with the reference: arms − 1. */
  comparisons: number;
  /** The level each comparison is planned at. */
  alphaPerComparison: number;
  /** z_{1 − α'/2} for the per-comparison level α'. */
  zAlpha: number;
  /** z_{power}. */
  zPower: number;
}

export const DEFAULT_ALPHA = 0.05;
export const DEFAULT_POWER = 0.8;

export function resolvePowerDesign(design: PowerDesign): ResolvedPowerDesign {
  const { p0 } = design;
  const alpha = design.alpha ?? DEFAULT_ALPHA;
  const power = design.power ?? DEFAULT_POWER;
  const ratio = [...(design.ratio ?? [1, 1])];
  const adjust = design.adjust ?? 'none';
  openUnit(p0, 'p0', 'the share in the outcome in the reference arm');
  openUnit(alpha, 'alpha', 'the significance level');
  openUnit(power, 'power', 'the target power');
  if (ratio.length < 2 || !ratio.every((w) => Number.isFinite(w) && w > 0)) {
    throw new UsageError(`ratio: expected at least two positive allocation weights, reference arm first (got ${ratio.join(':')})`);
  }
  if (!ADJUSTMENTS.includes(adjust)) throw new UsageError(`adjust: expected one of ${ADJUSTMENTS.join(', ')} (got ${JSON.stringify(adjust)})`);
  const total = ratio.reduce((sum, w) => sum + w, 0);
  const comparisons = ratio.length - 1;
  // Holm's procedure rejects its smallest p-value at α / (k − 1), like
  // Bonferroni; planning every comparison at that level is the usual,
  // conservative choice for both, since Holm's later steps are only easier.
  const alphaPerComparison = adjust === 'none' ? alpha : alpha / comparisons;
  return {
    p0,
    alpha,
    power,
    ratio,
    fractions: ratio.map((w) => w / total),
    adjust,
    comparisons,
    alphaPerComparison,
    zAlpha: jStat.normal.inv(1 - alphaPerComparison / 2, 0, 1),
    zPower: jStat.normal.inv(power, 0, 1),
  };
}

function openUnit(value: number, name: string, meaning: string): void {
  if (typeof value !== 'number' || !(value > 0 && value < 1)) {
    throw new UsageError(`${name}: expected ${meaning}, a number strictly between 0 and 1 (got ${value})`);
  }
}

/**
 * Parses an allocation ratio such as "1:1:1", "60:40" or "0.6:0.4".
 * @example parseRatio('3:2') // [3, 2]
 */
export function parseRatio(text: string): number[] {
  const parts = text.split(':').map((part) => part.trim());
  const weights = parts.map(Number);
  if (parts.length < 2 || parts.some((p) => p === '') || !weights.every((w) => Number.isFinite(w) && w > 0)) {
    throw new UsageError(`ratio: expected positive weights separated by ":", reference arm first, e.g. 1:1:1 or 60:40 (got ${JSON.stringify(text)})`);
  }
  return weights;
}
