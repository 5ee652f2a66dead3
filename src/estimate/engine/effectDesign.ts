/**
 * What every effect estimator (methods.md: diff, blocked, ols, lin) needs to
 * know about a trial, as typed arrays: the input of the replicate evaluator
 * (bootstrap weights, permuted labels) and of the point estimates with their
 * standard errors and jackknife accelerations.
 *
 * An effect cell is outcome × subgroup level × arm × month, flattened as
 * ((o * S + s) * A + a) * T + t (the share-cell layout of ../layout.ts); the
 * reference arm's cells are NaN. The regression sample of a cell (its "row
 * set") is every person with membership in subgroup level s and an observed
 * value (not NaN) in month t: for `diff` and `blocked` only the persons of
 * the arm and the reference, for `ols` and `lin` every arm (one regression
 * over all arms, as methods.md defines them).
 */
import type { SubgroupLayout } from '../layout.js';

export type EstimatorName = 'diff' | 'blocked' | 'ols' | 'lin';

export interface EffectDesign {
  persons: number;
  /** Number of arms A; arm indices 0 … A − 1. */
  arms: number;
  /** Index of the reference arm. */
  reference: number;
  /** Observed arm per person. */
  arm: Uint8Array;
  /** Randomization block per person, 0 … blocks − 1 (all 0 without blocks). */
  block: Int32Array;
  blocks: number;
  /**
   * Covariates expanded to numbers, person-major (covariates[p * c + j]):
   * numeric columns as they are, a categorical column as one 0/1 dummy per
   * level but the first. No missing values (the caller has dealt with them).
   * Used by `ols` and `lin` only.
   */
  covariates: Float64Array;
  covariateCount: number;
  groups: SubgroupLayout;
  outcomes: number;
  months: number;
  /**
   * Outcome values, values[(p * O + o) * T + t]; NaN where not observed.
   * Monthly outcomes are 0/1; a person-level outcome is any number (then
   * T = 1). A person-month is observed for every outcome or for none.
   */
  values: Float64Array;
}

export function effectCellCount(d: Pick<EffectDesign, 'outcomes' | 'groups' | 'arms' | 'months'>): number {
  return d.outcomes * d.groups.labels.length * d.arms * d.months;
}

export function effectCell(d: Pick<EffectDesign, 'groups' | 'arms' | 'months'>, o: number, s: number, a: number, t: number): number {
  return ((o * d.groups.labels.length + s) * d.arms + a) * d.months + t;
}
