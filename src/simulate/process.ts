/**
 * The true monthly work process: a two-state Markov chain per person (in work
 * of some type / not in work), month by month from a year before
 * randomization to the extract date.
 *
 * The entry probability is solved from the target curve so that the expected
 * share in work equals the target exactly in every month:
 *
 *     h(k) = (g(k) − g(k−1)(1 − q(k))) / (1 − g(k−1))
 *
 * where g is the person's own curve, g_i(k) = multiplier_i × G_{arm,gender}(k),
 * and q(k) the exit probability. The multiplier combines a lower level with
 * LSS daily activity (the same relative level in every arm, so the relative
 * effect does not differ by daily activity) and person-level heterogeneity
 * from covariates and frailty; both are normalised to mean 1 within their
 * cell, so the expected cell shares stay on target and the covariates predict
 * work, as a covariate-adjusted estimator needs.
 */
import { RandomStream } from '../random/stream.js';
import { ARMS } from './design.js';
import type { SimulatedParticipants } from './population.js';
import { cumulative, pickIndex, purposeSeed, standardNormal, uniform } from './sampling.js';
import {
  COMMON_ENTRY_MIX, EXTRA_ENTRY_MIX, PRE_MONTHS, exitProbability, expectedShare, extraEntryShare,
} from './workCurves.js';

/** Monthly state "not in work"; other values index WORK_TYPES of codes.ts. */
export const NOT_IN_WORK = -1;

/** Level of work with LSS daily activity relative to without, within arm and gender. */
export const DAILY_ACTIVITY_WORK_LEVEL = 0.65;

// Log-multipliers of the chance of work by covariate (person heterogeneity).
const LOG_EFFECT = {
  upperSecondary: 0.3,
  children: -0.15,
  foreignBorn: -0.25,
  specialHousing: -0.35,
  lssDecision: -0.2,
  agePerYear: 0.03,
  /** In the order of DIAGNOSIS_GROUPS. */
  diagnosis: [/* F90-98 */ 0.05, /* F80-89 */ -0.05, /* F70-79 */ -0.15, /* F40-48 */ -0.1, /* F30-39 */ -0.2, /* other */ 0],
  frailtySd: 0.35,
} as const;
// Bounds of the heterogeneity factor before normalisation; keeps every person's curve below about 0.8.
const HETEROGENEITY_MIN = 0.3;
const HETEROGENEITY_MAX = 2;

const HETEROGENEITY_PURPOSE = 2;

/**
 * Each person's multiplier of the arm-and-gender curve. Deterministic in the
 * seed; frailty draws come from a stream of their own.
 */
export function workMultipliers(p: SimulatedParticipants, seed: number): Float64Array {
  const n = p.count;
  const rng = new RandomStream(purposeSeed(seed, HETEROGENEITY_PURPOSE), 0);
  const raw = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const score =
      LOG_EFFECT.upperSecondary * p.upperSecondary[i] +
      LOG_EFFECT.children * p.children[i] +
      LOG_EFFECT.foreignBorn * p.foreignBorn[i] +
      LOG_EFFECT.specialHousing * p.specialHousing[i] +
      LOG_EFFECT.lssDecision * p.lssDecision[i] +
      LOG_EFFECT.agePerYear * (p.age[i] - 24) +
      LOG_EFFECT.diagnosis[p.diagnosis[i]] +
      LOG_EFFECT.frailtySd * standardNormal(rng);
    raw[i] = Math.min(HETEROGENEITY_MAX, Math.max(HETEROGENEITY_MIN, Math.exp(score)));
  }

  // Cells arm × gender × daily activity: mean of the heterogeneity factor, and
  // the share with daily activity within arm × gender (realised, so that each
  // arm-and-gender cell's expected share is exactly its target).
  const cellOf = (i: number) => (p.arm[i] * 2 + p.female[i]) * 2 + p.lssDailyActivity[i];
  const cells = ARMS.length * 2 * 2;
  const sum = new Float64Array(cells);
  const count = new Float64Array(cells);
  for (let i = 0; i < n; i++) {
    const c = cellOf(i);
    sum[c] += raw[i];
    count[c] += 1;
  }
  const multiplier = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = cellOf(i);
    const withoutActivity = count[c & ~1];
    const withActivity = count[c | 1];
    const activityShare = withActivity / (withoutActivity + withActivity);
    const meanLevel = 1 - activityShare + activityShare * DAILY_ACTIVITY_WORK_LEVEL;
    const level = (p.lssDailyActivity[i] ? DAILY_ACTIVITY_WORK_LEVEL : 1) / meanLevel;
    multiplier[i] = (level * raw[i]) / (sum[c] / count[c]);
  }
  return multiplier;
}

/** Precomputed curves and entry mixes for months −PRE_MONTHS … lastMonth. */
export class WorkProcess {
  readonly lastMonth: number;
  /** [arm * 2 + female][k + PRE_MONTHS]. */
  private readonly share: Float64Array[];
  private readonly extraShare: Float64Array[];
  private readonly exit: Float64Array;
  private readonly commonMix = cumulative(COMMON_ENTRY_MIX);
  private readonly extraMix = EXTRA_ENTRY_MIX.map(cumulative);

  /** @param lastMonth the largest month any person needs (the one containing the extract date). */
  constructor(lastMonth: number) {
    this.lastMonth = lastMonth;
    const length = lastMonth + PRE_MONTHS + 1;
    this.share = [];
    this.extraShare = [];
    for (let arm = 0; arm < ARMS.length; arm++) {
      for (let female = 0; female < 2; female++) {
        const g = new Float64Array(length);
        const extra = new Float64Array(length);
        for (let k = -PRE_MONTHS; k <= lastMonth; k++) {
          g[k + PRE_MONTHS] = expectedShare(arm, female, k);
          extra[k + PRE_MONTHS] = extraEntryShare(arm, female, k);
        }
        this.share.push(g);
        this.extraShare.push(extra);
      }
    }
    this.exit = new Float64Array(length);
    for (let k = -PRE_MONTHS; k <= lastMonth; k++) this.exit[k + PRE_MONTHS] = exitProbability(k);
  }

  /**
   * Simulates one person's months −PRE_MONTHS … lastMonth into
   * states[k + PRE_MONTHS]: NOT_IN_WORK or a WORK_TYPES index.
   */
  simulate(arm: number, female: number, multiplier: number, lastMonth: number, rng: RandomStream, states: Int8Array): void {
    const g = this.share[arm * 2 + female];
    const extra = this.extraShare[arm * 2 + female];
    let previousShare = multiplier * g[0];
    let state = uniform(rng) < previousShare ? pickIndex(rng, this.commonMix) : NOT_IN_WORK;
    states[0] = state;
    for (let t = 1; t <= lastMonth + PRE_MONTHS; t++) {
      const share = multiplier * g[t];
      const exit = this.exit[t];
      if (state !== NOT_IN_WORK) {
        if (uniform(rng) < exit) state = NOT_IN_WORK;
      } else {
        const entry = (share - previousShare * (1 - exit)) / (1 - previousShare);
        if (uniform(rng) < entry) {
          state = uniform(rng) < extra[t] ? pickIndex(rng, this.extraMix[arm]) : pickIndex(rng, this.commonMix);
        }
      }
      states[t] = state;
      previousShare = share;
    }
  }
}
