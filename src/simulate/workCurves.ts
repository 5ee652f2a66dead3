/**
 * The true expected share in work, month by month, by arm and gender: the
 * shape of Figure 1 of the 2017 trial (ae-trial-2017.md).
 *
 * Month k means the status on the last day of follow-up window k (rule `end`
 * of data-contract §3–4); months ≤ 0 are the year before randomization.
 * All arms share one rising curve through month 6; after that SE (and
 * slightly CM) pull away along a convex path, so the gap widens to month 15.
 * The targets at month 15 by gender average, with 48 % women, to the
 * published FS 18 %, SE 26 %, CM 20 %; the SE effect is mostly for men.
 */
import { ARMS, ARM_CM, ARM_FS, ARM_SE } from './design.js';

/** Month whose shares the targets give (Figure 1). */
export const TARGET_MONTH = 15;

/** Share in work at month 15, [arm][female]; female index 0 = men, 1 = women. */
export const TARGET_SHARES: readonly (readonly [number, number])[] = (() => {
  const t: [number, number][] = [];
  t[ARM_FS] = [0.19, 0.17];
  t[ARM_SE] = [0.32, 0.2];
  t[ARM_CM] = [0.21, 0.19];
  return t;
})();

/** Share in work in the year before randomization and at randomization. */
export const SHARE_BEFORE_RANDOMIZATION = 0.04;

/** The arms' curves coincide through this month. */
export const COMMON_UNTIL_MONTH = 6;

/** Months of pre-randomization history simulated (windows −12 … 0). */
export const PRE_MONTHS = 12;

/** Monthly probability of leaving work, before and after randomization (short jobs before; supported jobs after). */
export const EXIT_BEFORE = 0.2;
export const EXIT_AFTER = 0.05;

// Time constant (months) of the common curve's approach to its month-15 level.
const RISE_MONTHS = 8;
// Exponent of the divergence after month 6: > 1 makes the gap widen towards month 15.
const DIVERGENCE_POWER = 1.4;

/**
 * Expected share in work at the end of month k (k ≤ 0: before randomization)
 * for an arm and gender, before the LSS and person-level multipliers.
 */
export function expectedShare(arm: number, female: number, k: number): number {
  if (k <= 0) return SHARE_BEFORE_RANDOMIZATION;
  const month = Math.min(k, TARGET_MONTH);
  const reference = TARGET_SHARES[ARM_FS][female];
  const rise = (1 - Math.exp(-month / RISE_MONTHS)) / (1 - Math.exp(-TARGET_MONTH / RISE_MONTHS));
  const common = SHARE_BEFORE_RANDOMIZATION + (reference - SHARE_BEFORE_RANDOMIZATION) * rise;
  const divergence =
    month <= COMMON_UNTIL_MONTH
      ? 0
      : ((month - COMMON_UNTIL_MONTH) / (TARGET_MONTH - COMMON_UNTIL_MONTH)) ** DIVERGENCE_POWER;
  return common + (TARGET_SHARES[arm][female] - reference) * divergence;
}

/** Probability of leaving work between the ends of months k − 1 and k. */
export function exitProbability(k: number): number {
  return k <= 0 ? EXIT_BEFORE : EXIT_AFTER;
}

/**
 * Expected entries into work in month k per person, for a curve g:
 * g(k) − g(k−1)(1 − q(k)). The stock is the sum of surviving entries.
 */
export function expectedEntries(arm: number, female: number, k: number): number {
  return expectedShare(arm, female, k) - expectedShare(arm, female, k - 1) * (1 - exitProbability(k));
}

/**
 * Of an arm's entries into work in month k, the share that is "extra"
 * relative to FS (the arm's effect), whose job types follow the arm's own mix
 * (SE: subsidized employment) instead of the common mix.
 */
export function extraEntryShare(arm: number, female: number, k: number): number {
  if (arm === ARM_FS) return 0;
  const armEntries = expectedEntries(arm, female, k);
  if (armEntries <= 0) return 0;
  return Math.max(0, 1 - expectedEntries(ARM_FS, female, k) / armEntries);
}

/**
 * Job-type mix of entries into work, in the order of WORK_TYPES
 * (unsubsidized, subsidized, sheltered, education).
 */
export const COMMON_ENTRY_MIX = [0.25, 0.3, 0.2, 0.25];
/** Mix of each arm's extra entries: SE places people in subsidized jobs (anställning med stöd). */
export const EXTRA_ENTRY_MIX: readonly (readonly number[])[] = ARMS.map((_, arm) =>
  arm === ARM_SE ? [0.12, 0.85, 0, 0.03] : COMMON_ENTRY_MIX,
);
