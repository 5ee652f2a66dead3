/**
 * Accumulates the sufficient statistics (statisticLayout.ts) of every row
 * set for one set of weights and arm labels, in one pass over the persons.
 *
 * A person's contribution is the same in every month of a run, so it is
 * added at the run's first month and subtracted after its last (not at all
 * when the run reaches the end of the follow-up), per key bucket
 * (rowSetKeys.ts); a prefix sum over months then gives each month's
 * statistics, and each bucket is added to its subgroup levels. A person thus
 * costs O(runs × keys × nonzero covariates²) however long the follow-up
 * (shiftedCovariates.ts makes most dummy entries 0).
 *
 * Everything about a run that does not depend on the replicate (its offsets
 * into the buckets) is worked out once here, and persons are visited in
 * order of key and block so that consecutive persons update nearby
 * statistics (at 100,000 persons the statistics outgrow the cache, and
 * scattered updates cost more than the arithmetic); the replicate's weights
 * and labels are gathered into that order first, so the loop reads
 * everything sequentially. Hand-coded because it is the hot loop of the bootstrap and of
 * the permutation tests, and no library accumulates weighted cross products
 * over run-length encoded panels.
 */
import type { PersonRuns } from './personRuns.js';
import type { RowSetKeys } from './rowSetKeys.js';
import type { ShiftedCovariates } from './shiftedCovariates.js';
import type { StatisticLayout } from './statisticLayout.js';

export interface StatisticSources {
  layout: StatisticLayout;
  runs: PersonRuns;
  keys: RowSetKeys;
  /** Block per person (all 0 when the estimator ignores blocks). */
  block: Int32Array;
  /** Covariates with layout.covariates columns (none when C = 0). */
  covariates: ShiftedCovariates;
  persons: number;
  months: number;
  subgroups: number;
  /**
   * 1 for the months whose person counts, weights and covariate sums (the
   * statistics before layout.valueBase) must be written; null: every month.
   * A month where no row set changes persons since the previous month can
   * be left out for a solver that then reads only the outcome sums
   * (RowSetSolver.samePersons): at the fixture's 15 months that is most of
   * the prefix and spread work, since the outcome sums are a third of a row set.
   */
  observedMonths?: Uint8Array | null;
}

/** The replicate-independent offsets of each person's runs, in visiting order (CSR by position). */
interface Plan {
  /** Person at each position. */
  order: Int32Array;
  /** Nonzero covariates of the person at each position (ShiftedCovariates's CSR, reordered). */
  covariateStart: Int32Array;
  covariateIndex: Int32Array;
  covariateValue: Float64Array;
  /** Start of the entry's row in the packed lower triangle: index · (index + 1) / 2. */
  covariateRow: Int32Array;
  /** k · arms · group of the person at each position. */
  groupBase: Int32Array;
  /** With valueTotals: from a (o, k) block total to the (o, arm 0) arm total, blocks − k. */
  armTotalShift: Int32Array;
  keyStart: Int32Array;
  /** Offset of the bucket's month 0. */
  keyOffset: Int32Array;
  observedStart: Int32Array;
  /** Offsets of a run's first month and of the month after its last (−1: none) within a bucket. */
  observedFrom: Int32Array;
  observedTo: Int32Array;
  valueStart: Int32Array;
  /**
   * Offsets within a bucket of Σ w·y of (o, k, arm 0) in a run's first month
   * and in the month after its last (−1: none); Σ w·c·y of (o, arm 0) is
   * `valueCross` further on.
   */
  valueFrom: Int32Array;
  valueTo: Int32Array;
  valueCross: Int32Array;
  value: Float64Array;
}

export class SufficientStatistics {
  /** Statistics of row set (s, t) at ((s * months + t) * layout.size). */
  readonly rows: Float64Array;
  private readonly sources: StatisticSources;
  private readonly plan: Plan;
  /** Difference arrays per bucket: ((u * months + t) * size); the rows themselves when keys are levels. */
  private readonly keyed: Float64Array;
  /** The replicate's weights and arm labels in visiting order. */
  private readonly weight: Float64Array;
  private readonly arm: Uint8Array;
  /** The ranges of one row set's months (months × size numbers) that are written (writtenRanges). */
  private readonly written: Int32Array;

  constructor(sources: StatisticSources) {
    this.sources = sources;
    const { layout, keys, months, subgroups } = sources;
    this.rows = new Float64Array(subgroups * months * layout.size);
    this.keyed = keys.direct ? this.rows : new Float64Array(keys.count * months * layout.size);
    this.plan = makePlan(sources);
    this.weight = new Float64Array(sources.persons);
    this.arm = new Uint8Array(sources.persons);
    this.written = writtenRanges(sources);
  }

  accumulate(arm: Uint8Array, weight: Float64Array): void {
    const { order } = this.plan;
    const arms = this.sources.layout.arms;
    for (let i = 0; i < order.length; i++) {
      const p = order[i];
      const g = arm[p];
      if (g >= arms) throw new RangeError(`arm label ${g} of person ${p} is not below the ${arms} arms`);
      this.arm[i] = g;
      this.weight[i] = weight[p];
    }
    clearWritten(this.keyed, this.written, this.sources.months * this.sources.layout.size);
    if (this.sources.layout.covariates === 0) addPersonsPlain(this.sources, this.plan, this.keyed, this.arm, this.weight);
    else addPersons(this.sources, this.plan, this.keyed, this.arm, this.weight);
    if (this.sources.keys.direct) prefixInPlace(this.sources, this.rows);
    else {
      clearWritten(this.rows, this.written, this.sources.months * this.sources.layout.size);
      spread(this.sources, this.keyed, this.rows);
    }
  }
}

/**
 * Where in a bucket's or a row set's months (months × size numbers) the
 * statistics are written, as [from, to) pairs: every month from
 * firstWritten on. Only these are cleared before a replicate: the rest is
 * neither written nor read. At the fixture the whole of the buckets and
 * rows is 1.4 MB, most of it the unwritten person sums of months where
 * nobody is censored; clearing only what is written took an ols evaluation
 * from about 320 to 300 µs.
 */
function writtenRanges(sources: StatisticSources): Int32Array {
  const { months, layout } = sources;
  const ranges: number[] = [];
  for (let t = 0; t < months; t++) {
    const from = t * layout.size + firstWritten(sources, t);
    const to = (t + 1) * layout.size;
    if (ranges.length > 0 && ranges[ranges.length - 1] === from) ranges[ranges.length - 1] = to;
    else ranges.push(from, to);
  }
  return Int32Array.from(ranges);
}

/** Zeroes the written ranges of every stride-long part of `statistics`. */
function clearWritten(statistics: Float64Array, ranges: Int32Array, stride: number): void {
  for (let base = 0; base < statistics.length; base += stride) {
    for (let i = 0; i < ranges.length; i += 2) statistics.fill(0, base + ranges[i], base + ranges[i + 1]);
  }
}

function makePlan(sources: StatisticSources): Plan {
  const { layout, runs, keys, block, persons, months, covariates } = sources;
  const { arms, blocks, group, size, valueBase, valueCrossBase, crossArms, valueTotals, valueStride } = layout;
  const c = layout.covariates;
  const firstKey = (p: number) => (keys.personStart[p] < keys.personStart[p + 1] ? keys.personKey[keys.personStart[p]] : -1);
  const order = Int32Array.from({ length: persons }, (_, p) => p).sort((a, b) => firstKey(a) - firstKey(b) || block[a] - block[b] || a - b);

  const plan: Plan = {
    order,
    covariateStart: new Int32Array(persons + 1),
    covariateIndex: new Int32Array(covariates.index.length),
    covariateValue: new Float64Array(covariates.index.length),
    covariateRow: new Int32Array(covariates.index.length),
    groupBase: new Int32Array(persons),
    armTotalShift: new Int32Array(persons),
    keyStart: new Int32Array(persons + 1),
    keyOffset: new Int32Array(keys.personKey.length),
    observedStart: new Int32Array(persons + 1),
    observedFrom: new Int32Array(runs.observedFrom.length),
    observedTo: new Int32Array(runs.observedFrom.length),
    valueStart: new Int32Array(persons + 1),
    valueFrom: new Int32Array(runs.valueFrom.length),
    valueTo: new Int32Array(runs.valueFrom.length),
    valueCross: new Int32Array(runs.valueFrom.length),
    value: new Float64Array(runs.valueFrom.length),
  };
  const monthOffset = (month: number) => (month === months ? -1 : month * size);
  let nk = 0;
  let no = 0;
  let nv = 0;
  let nc = 0;
  for (let i = 0; i < persons; i++) {
    const p = order[i];
    const k = block[p];
    plan.covariateStart[i] = nc;
    for (let j = covariates.start[p]; j < covariates.start[p + 1]; j++) {
      plan.covariateIndex[nc] = covariates.index[j];
      plan.covariateRow[nc] = (covariates.index[j] * (covariates.index[j] + 1)) / 2;
      plan.covariateValue[nc++] = covariates.value[j];
    }
    plan.groupBase[i] = k * arms * group;
    plan.armTotalShift[i] = blocks - k;
    plan.keyStart[i] = nk;
    for (let j = keys.personStart[p]; j < keys.personStart[p + 1]; j++) plan.keyOffset[nk++] = keys.personKey[j] * months * size;
    plan.observedStart[i] = no;
    for (let r = runs.observedStart[p]; r < runs.observedStart[p + 1]; r++) {
      plan.observedFrom[no] = monthOffset(runs.observedFrom[r]);
      plan.observedTo[no++] = monthOffset(runs.observedTo[r]);
    }
    plan.valueStart[i] = nv;
    for (let r = runs.valueStart[p]; r < runs.valueStart[p + 1]; r++) {
      const o = runs.valueOutcome[r];
      const cell = valueBase + o * valueStride + (valueTotals ? k : k * arms);
      const to = monthOffset(runs.valueTo[r]);
      plan.valueFrom[nv] = monthOffset(runs.valueFrom[r]) + cell;
      plan.valueTo[nv] = to < 0 ? -1 : to + cell;
      plan.valueCross[nv] = valueCrossBase + o * crossArms * c - cell;
      plan.value[nv++] = runs.value[r];
    }
  }
  plan.covariateStart[persons] = nc;
  plan.keyStart[persons] = nk;
  plan.observedStart[persons] = no;
  plan.valueStart[persons] = nv;
  return plan;
}

/**
 * The hot loop over persons in visiting order (`arm` and `weight` already
 * in that order), without covariates (diff, blocked, ols without any).
 * Plain functions so that V8 optimises them once (as a method the loop was
 * deoptimised on every call); two of them so that the loop without
 * covariates carries none of their bookkeeping.
 */
function addPersonsPlain(sources: StatisticSources, plan: Plan, keyed: Float64Array, arm: Uint8Array, weight: Float64Array): void {
  const { persons } = sources;
  const { group } = sources.layout;
  const { groupBase, armTotalShift, keyStart, keyOffset, observedStart, observedFrom, observedTo, valueStart, valueFrom, valueTo, value } = plan;
  const totals = sources.layout.valueTotals;
  for (let i = 0; i < persons; i++) {
    const w = weight[i];
    if (!(w > 0)) continue;
    const g = arm[i];
    const groupOffset = groupBase[i] + g * group;
    const valueOffset = totals ? 0 : g;
    const armTotal = totals ? armTotalShift[i] + g : 0;
    const r0 = observedStart[i];
    const r1 = observedStart[i + 1];
    const v0 = valueStart[i];
    const v1 = valueStart[i + 1];
    const k1 = keyStart[i + 1];
    for (let ki = keyStart[i]; ki < k1; ki++) {
      const bucket = keyOffset[ki];
      for (let r = r0; r < r1; r++) {
        let at = bucket + observedFrom[r] + groupOffset;
        keyed[at] += 1;
        keyed[at + 1] += w;
        const to = observedTo[r];
        if (to < 0) continue;
        at = bucket + to + groupOffset;
        keyed[at] -= 1;
        keyed[at + 1] -= w;
      }
      const armBucket = bucket + valueOffset;
      for (let r = v0; r < v1; r++) {
        const wy = w * value[r];
        const from = armBucket + valueFrom[r];
        keyed[from] += wy;
        if (totals) keyed[from + armTotal] += wy;
        const to = valueTo[r];
        if (to < 0) continue;
        keyed[armBucket + to] -= wy;
        if (totals) keyed[armBucket + to + armTotal] -= wy;
      }
    }
  }
}

/**
 * addPersonsPlain with covariates (ols, lin): w·c and w·c·cᵀ on the observed
 * runs, w·c·y on the value runs. The products are formed where they are
 * added rather than staged in scratch arrays: recomputing a product is
 * cheaper than storing and reloading it, and most persons have a single
 * observed run that reaches the end of the follow-up. With valueTotals a
 * value run adds w·y to its block's total and to its arm's.
 */
function addPersons(sources: StatisticSources, plan: Plan, keyed: Float64Array, arm: Uint8Array, weight: Float64Array): void {
  const { layout, persons } = sources;
  const { group, crossBase, crossArms, cross } = layout;
  const c = layout.covariates;
  const { groupBase, armTotalShift, keyStart, keyOffset, observedStart, observedFrom, observedTo } = plan;
  const { valueStart, valueFrom, valueTo, valueCross, value } = plan;
  const { covariateStart, covariateIndex, covariateValue, covariateRow } = plan;
  const perArm = crossArms > 1;
  const totals = layout.valueTotals;

  for (let i = 0; i < persons; i++) {
    const w = weight[i];
    if (!(w > 0)) continue;
    const g = arm[i];
    const groupOffset = groupBase[i] + g * group;
    const crossOffset = crossBase + (perArm ? g * cross : 0);
    const valueCrossOffset = perArm ? g * c : 0;
    // Where the value sums go: (o, k, g) directly, or (o, k) and (o, g) with valueTotals.
    const valueOffset = totals ? 0 : g;
    const armTotal = totals ? armTotalShift[i] + g : 0;
    const first = covariateStart[i];
    const last = covariateStart[i + 1];
    const r0 = observedStart[i];
    const r1 = observedStart[i + 1];
    const v0 = valueStart[i];
    const v1 = valueStart[i + 1];
    const k1 = keyStart[i + 1];
    for (let ki = keyStart[i]; ki < k1; ki++) {
      const bucket = keyOffset[ki];
      for (let r = r0; r < r1; r++) {
        for (let side = 0; side < 2; side++) {
          const month = side === 0 ? observedFrom[r] : observedTo[r];
          if (month < 0) break;
          const sw = side === 0 ? w : -w;
          const at = bucket + month;
          const groupAt = at + groupOffset;
          const crossAt = at + crossOffset;
          keyed[groupAt] += side === 0 ? 1 : -1;
          keyed[groupAt + 1] += sw;
          for (let a = first; a < last; a++) {
            const wa = sw * covariateValue[a];
            keyed[groupAt + 2 + covariateIndex[a]] += wa;
            const row = crossAt + covariateRow[a];
            for (let b = first; b <= a; b++) keyed[row + covariateIndex[b]] += wa * covariateValue[b];
          }
        }
      }
      const armBucket = bucket + valueOffset;
      const crossBucket = bucket + valueCrossOffset;
      for (let r = v0; r < v1; r++) {
        const wy = w * value[r];
        for (let side = 0; side < 2; side++) {
          const at = side === 0 ? valueFrom[r] : valueTo[r];
          if (at < 0) break;
          const swy = side === 0 ? wy : -wy;
          keyed[armBucket + at] += swy;
          if (totals) keyed[armBucket + at + armTotal] += swy;
          const crossAt = crossBucket + at + valueCross[r];
          for (let a = first; a < last; a++) keyed[crossAt + covariateIndex[a]] += swy * covariateValue[a];
        }
      }
    }
  }
}

/**
 * The first statistic of month t that prefixInPlace and spread write: 0, or
 * valueBase for a month left out of observedMonths. The differences before
 * valueBase are all 0 in a month left out (no run of a person of any row
 * set starts or ends there), so the running sum is carried from the last
 * month written (`from`), which adds the same numbers as going month by month.
 */
function firstWritten(sources: StatisticSources, t: number): number {
  const observed = sources.observedMonths;
  return observed && observed[t] === 0 ? sources.layout.valueBase : 0;
}

/** Keys are levels: the difference arrays are the rows, summed over months in place. */
function prefixInPlace(sources: StatisticSources, rows: Float64Array): void {
  const { layout, months, subgroups } = sources;
  const { size, valueBase } = layout;
  for (let s = 0; s < subgroups; s++) {
    let lastObserved = 0;
    for (let t = 1; t < months; t++) {
      const current = (s * months + t) * size;
      const first = firstWritten(sources, t);
      if (first === 0) {
        const from = (s * months + lastObserved) * size;
        for (let d = 0; d < valueBase; d++) rows[current + d] += rows[from + d];
        lastObserved = t;
      }
      for (let d = valueBase; d < size; d++) rows[current + d] += rows[current - size + d];
    }
  }
}

/** Prefix sums over months, then each bucket added to its subgroup levels. */
function spread(sources: StatisticSources, keyed: Float64Array, rows: Float64Array): void {
  const { layout, keys, months } = sources;
  const { size, valueBase } = layout;
  const { levelStart, level } = keys;
  const stride = months * size;
  for (let u = 0; u < keys.count; u++) {
    const l0 = levelStart[u];
    const l1 = levelStart[u + 1];
    let lastObserved = 0;
    for (let t = 0; t < months; t++) {
      const current = u * stride + t * size;
      const first = firstWritten(sources, t);
      if (t > 0) {
        if (first === 0) {
          const from = u * stride + lastObserved * size;
          for (let d = 0; d < valueBase; d++) keyed[current + d] += keyed[from + d];
          lastObserved = t;
        }
        const previous = current - size;
        for (let d = valueBase; d < size; d++) keyed[current + d] += keyed[previous + d];
      }
      for (let l = l0; l < l1; l++) {
        const target = (level[l] * months + t) * size;
        for (let d = first; d < size; d++) rows[target + d] += keyed[current + d];
      }
    }
  }
}
