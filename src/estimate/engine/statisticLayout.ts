/**
 * The sufficient statistics of one row set (subgroup level × month), as one
 * flat run of numbers, from which every estimator's effects follow without
 * going back to the persons:
 *
 *   per (block k, arm g) group:   [count of persons with weight > 0, Σ w, Σ w·c (C)]
 *   cross products:               Σ w·c·cᵀ (lower triangle), per arm (lin) or over all arms (ols)
 *   outcome sums:                 Σ w·y per (outcome o, block k, arm g), or with
 *                                 `valueTotals` per (o, k) and then per (o, g)
 *   outcome cross products:       Σ w·c·y per (outcome o, arm g) (lin) or per outcome (ols)
 *
 * The count decides whether an arm is present (exact, where a difference
 * array's Σ w could leave rounding dust for non-integer weights).
 * `diff` and `blocked` use no covariates (C = 0, no cross products); `diff`
 * uses a single block.
 */

export interface StatisticLayout {
  arms: number;
  blocks: number;
  covariates: number;
  outcomes: number;
  /** Size of one (block, arm) group: 2 + covariates; group (k, g) starts at (k * arms + g) * group. */
  group: number;
  /** Cross products Σ w·c·cᵀ: `crossArms` packed lower triangles of `cross` numbers. */
  crossBase: number;
  crossArms: number;
  cross: number;
  /**
   * Σ w·y of (o, k, g) at valueBase + (o * blocks + k) * arms + g; with
   * valueTotals, Σ w·y of (o, k) over the arms at valueBase + o * valueStride
   * + k and of (o, g) over the blocks at valueBase + o * valueStride + blocks
   * + g. ols reads only these margins, which are a third of the (o, k, g)
   * sums at the fixture's 25 blocks × 3 arms.
   */
  valueBase: number;
  valueTotals: boolean;
  /** Outcome sums per outcome: blocks · arms, or blocks + arms with valueTotals. */
  valueStride: number;
  /** Σ w·c·y of (o, g) at valueCrossBase + (o * crossArms + g) * covariates. */
  valueCrossBase: number;
  /** Numbers per row set. */
  size: number;
}

/** Index of (i, j), j ≤ i, in a packed lower triangle. */
export function packed(i: number, j: number): number {
  return (i * (i + 1)) / 2 + j;
}

/**
 * `regressionArms`: 0 without covariates (diff, blocked), 1 when cross
 * products are pooled over arms (ols), `arms` when kept per arm (lin).
 * `valueTotals`: the outcome sums as block and arm margins (ols's solver).
 */
export function statisticLayout(arms: number, blocks: number, covariates: number, outcomes: number, regressionArms: number, valueTotals = false): StatisticLayout {
  const c = regressionArms > 0 ? covariates : 0;
  const crossArms = c > 0 ? regressionArms : 0;
  const group = 2 + c;
  const cross = (c * (c + 1)) / 2;
  const crossBase = blocks * arms * group;
  const valueBase = crossBase + crossArms * cross;
  const valueStride = valueTotals ? blocks + arms : blocks * arms;
  const valueCrossBase = valueBase + outcomes * valueStride;
  const size = valueCrossBase + outcomes * crossArms * c;
  return { arms, blocks, covariates: c, outcomes, group, crossBase, crossArms, cross, valueBase, valueTotals, valueStride, valueCrossBase, size };
}
