/**
 * The arm-dependent sums of every `ols` row set when every weight is 1: for
 * each non-reference arm column d (effectDesign's arms without the
 * reference, in order) a segment of K + C + O numbers at d * segment:
 *
 *   counts:          persons of (block k, arm d)          at k
 *   covariate sums:  Σ c of arm d (shifted covariates)     at covariateBase + j
 *   outcome sums:    Σ y of (outcome o, arm d)             at valueBase + o
 *
 * (by column, so that a column no person moved in or out of is skipped
 * whole, and the counts of a column are contiguous for the dot products
 * over blocks).
 *
 * Everything else the ols solve needs (block sizes, the block-absorbed
 * covariate cross products, Σ c y) does not depend on the labels, and the
 * reference arm's sums follow from the totals, so a relabelling only moves
 * these few numbers. They are kept as the observed labels' sums plus a
 * correction for the persons whose label differs: in a permutation among
 * one arm and the reference only about half of those two arms' persons
 * change label, and each of them touches one arm column (the reference has
 * none). Each run is added at its first month and removed after its last
 * (difference arrays over months), as in sufficientStatistics.ts; persons
 * are visited in their own order, unlike there, because these sums are
 * small enough to stay in cache whatever the order, and the scan for
 * changed labels then reads the labels sequentially. Hand-coded for
 * the same reason as sufficientStatistics.ts: no library accumulates sums
 * over run-length encoded panels.
 */
import type { PersonRuns } from './personRuns.js';
import type { RowSetKeys } from './rowSetKeys.js';
import type { ShiftedCovariates } from './shiftedCovariates.js';

export interface ArmSumLayout {
  /** Non-reference arm columns D = arms − 1. */
  columns: number;
  blocks: number;
  covariates: number;
  outcomes: number;
  /** Numbers per arm column, and the offsets of its covariate and outcome sums within them. */
  segment: number;
  covariateBase: number;
  valueBase: number;
  /** Numbers per row set. */
  size: number;
}

export function armSumLayout(arms: number, blocks: number, covariates: number, outcomes: number): ArmSumLayout {
  const columns = arms - 1;
  const segment = blocks + covariates + outcomes;
  return { columns, blocks, covariates, outcomes, segment, covariateBase: blocks, valueBase: blocks + covariates, size: columns * segment };
}

export interface ArmSumSources {
  layout: ArmSumLayout;
  runs: PersonRuns;
  keys: RowSetKeys;
  block: Int32Array;
  covariates: ShiftedCovariates;
  persons: number;
  months: number;
  subgroups: number;
  arms: number;
  reference: number;
  /** The labels whose sums are kept (the observed arms). */
  base: Uint8Array;
}

/** Label-independent offsets of each person's runs (as sufficientStatistics.ts's Plan, by person). */
interface Plan {
  /** Base label and its arm column (−1 for the reference) of each person. */
  baseLabel: Uint8Array;
  baseColumn: Int32Array;
  /** The person's block. */
  block: Int32Array;
  covariateStart: Int32Array;
  covariateIndex: Int32Array;
  covariateValue: Float64Array;
  keyStart: Int32Array;
  keyOffset: Int32Array;
  observedStart: Int32Array;
  /** Offsets of a run's first month and of the month after its last (−1: none) within a bucket. */
  observedFrom: Int32Array;
  observedTo: Int32Array;
  valueStart: Int32Array;
  /** Offsets of Σ y of (o, column 0) in a run's first month and in the month after its last (−1: none) within a bucket. */
  valueFrom: Int32Array;
  valueTo: Int32Array;
  value: Float64Array;
}

export class ArmSums {
  /** Sums of row set (s, t) at ((s * months + t) * layout.size), for the labels of the last accumulate. */
  readonly rows: Float64Array;
  /** 1 for an arm column whose sums may differ from the observed labels' (some person moved in or out). */
  readonly changed: Uint8Array;
  private readonly sources: ArmSumSources;
  private readonly plan: Plan;
  private readonly base: Float64Array;
  /** Corrections per bucket and month, as difference arrays over months. */
  private readonly keyed: Float64Array;
  private readonly columnOf: Int32Array;

  constructor(sources: ArmSumSources) {
    this.sources = sources;
    const { layout, keys, months, subgroups, arms, reference } = sources;
    this.rows = new Float64Array(subgroups * months * layout.size);
    this.base = new Float64Array(this.rows.length);
    this.keyed = new Float64Array(keys.count * months * layout.size);
    this.changed = new Uint8Array(layout.columns);
    this.columnOf = Int32Array.from({ length: arms }, (_, g) => (g === reference ? -1 : g < reference ? g : g - 1));
    this.plan = makePlan(sources, this.columnOf);
    // The observed labels' sums, as the correction from "everyone in the reference arm".
    const allReference = this.plan.baseLabel.slice();
    this.plan.baseLabel.fill(reference);
    this.plan.baseColumn.fill(-1);
    this.accumulate(sources.base);
    this.base.set(this.rows);
    this.plan.baseLabel.set(allReference);
    for (let i = 0; i < allReference.length; i++) this.plan.baseColumn[i] = this.columnOf[allReference[i]];
  }

  accumulate(arm: Uint8Array): void {
    const { plan, columnOf, keyed, changed } = this;
    const { baseLabel, baseColumn } = plan;
    const arms = this.sources.layout.columns + 1;
    keyed.fill(0);
    changed.fill(0);
    for (let i = 0; i < baseLabel.length; i++) {
      const g = arm[i];
      if (g === baseLabel[i]) continue;
      if (g >= arms) throw new RangeError(`arm label ${g} of person ${i} is not below the ${arms} arms`);
      const to = columnOf[g];
      const from = baseColumn[i];
      if (to >= 0) {
        addPerson(this.sources, plan, keyed, i, to, 1);
        changed[to] = 1;
      }
      if (from >= 0) {
        addPerson(this.sources, plan, keyed, i, from, -1);
        changed[from] = 1;
      }
    }
    this.rows.set(this.base);
    spread(this.sources, keyed, this.rows, changed);
  }
}

function makePlan(sources: ArmSumSources, columnOf: Int32Array): Plan {
  const { layout, runs, keys, block, persons, months, covariates, base } = sources;
  const { size, valueBase } = layout;
  const plan: Plan = {
    baseLabel: new Uint8Array(persons),
    baseColumn: new Int32Array(persons),
    block,
    covariateStart: new Int32Array(persons + 1),
    covariateIndex: new Int32Array(covariates.index.length),
    covariateValue: new Float64Array(covariates.index.length),
    keyStart: new Int32Array(persons + 1),
    keyOffset: new Int32Array(keys.personKey.length),
    observedStart: new Int32Array(persons + 1),
    observedFrom: new Int32Array(runs.observedFrom.length),
    observedTo: new Int32Array(runs.observedFrom.length),
    valueStart: new Int32Array(persons + 1),
    valueFrom: new Int32Array(runs.valueFrom.length),
    valueTo: new Int32Array(runs.valueFrom.length),
    value: new Float64Array(runs.valueFrom.length),
  };
  const monthOffset = (month: number) => (month === months ? -1 : month * size);
  let nk = 0;
  let no = 0;
  let nv = 0;
  let nc = 0;
  for (let p = 0; p < persons; p++) {
    plan.baseLabel[p] = base[p];
    plan.baseColumn[p] = columnOf[base[p]];
    plan.covariateStart[p] = nc;
    for (let j = covariates.start[p]; j < covariates.start[p + 1]; j++) {
      plan.covariateIndex[nc] = covariates.index[j];
      plan.covariateValue[nc++] = covariates.value[j];
    }
    plan.keyStart[p] = nk;
    for (let j = keys.personStart[p]; j < keys.personStart[p + 1]; j++) plan.keyOffset[nk++] = keys.personKey[j] * months * size;
    plan.observedStart[p] = no;
    for (let r = runs.observedStart[p]; r < runs.observedStart[p + 1]; r++) {
      plan.observedFrom[no] = monthOffset(runs.observedFrom[r]);
      plan.observedTo[no++] = monthOffset(runs.observedTo[r]);
    }
    plan.valueStart[p] = nv;
    for (let r = runs.valueStart[p]; r < runs.valueStart[p + 1]; r++) {
      const cell = valueBase + runs.valueOutcome[r];
      const to = monthOffset(runs.valueTo[r]);
      plan.valueFrom[nv] = monthOffset(runs.valueFrom[r]) + cell;
      plan.valueTo[nv] = to < 0 ? -1 : to + cell;
      plan.value[nv++] = runs.value[r];
    }
  }
  plan.covariateStart[persons] = nc;
  plan.keyStart[persons] = nk;
  plan.observedStart[persons] = no;
  plan.valueStart[persons] = nv;
  return plan;
}

/** Adds (sign 1) or removes (−1) person i to arm column `column`. A plain function so that V8 optimises it once. */
function addPerson(sources: ArmSumSources, plan: Plan, keyed: Float64Array, i: number, column: number, sign: number): void {
  const { covariateBase, segment } = sources.layout;
  const { keyStart, keyOffset, observedStart, observedFrom, observedTo, valueStart, valueFrom, valueTo, value } = plan;
  const { covariateIndex, covariateValue } = plan;
  const countAt = column * segment + plan.block[i];
  const covariateAt = column * segment + covariateBase;
  const first = plan.covariateStart[i];
  const last = plan.covariateStart[i + 1];
  const r0 = observedStart[i];
  const r1 = observedStart[i + 1];
  const v0 = valueStart[i];
  const v1 = valueStart[i + 1];
  const k1 = keyStart[i + 1];
  for (let ki = keyStart[i]; ki < k1; ki++) {
    const bucket = keyOffset[ki];
    for (let r = r0; r < r1; r++) {
      let at = bucket + observedFrom[r];
      keyed[at + countAt] += sign;
      let covariateRow = at + covariateAt;
      for (let a = first; a < last; a++) keyed[covariateRow + covariateIndex[a]] += sign * covariateValue[a];
      const to = observedTo[r];
      if (to < 0) continue;
      at = bucket + to;
      keyed[at + countAt] -= sign;
      covariateRow = at + covariateAt;
      for (let a = first; a < last; a++) keyed[covariateRow + covariateIndex[a]] -= sign * covariateValue[a];
    }
    const valueBucket = bucket + column * segment;
    for (let r = v0; r < v1; r++) {
      const y = sign * value[r];
      keyed[valueBucket + valueFrom[r]] += y;
      const to = valueTo[r];
      if (to >= 0) keyed[valueBucket + to] -= y;
    }
  }
}

/**
 * Prefix sums over months of each bucket's corrections, each added to the
 * bucket's subgroup levels; only the segments of changed columns (the
 * others' corrections are 0).
 */
function spread(sources: ArmSumSources, keyed: Float64Array, rows: Float64Array, changed: Uint8Array): void {
  const { layout, keys, months } = sources;
  const { size, segment, columns } = layout;
  const { levelStart, level } = keys;
  const stride = months * size;
  for (let column = 0; column < columns; column++) {
    if (!changed[column]) continue;
    const from = column * segment;
    const to = from + segment;
    for (let u = 0; u < keys.count; u++) {
      const l0 = levelStart[u];
      const l1 = levelStart[u + 1];
      for (let t = 0; t < months; t++) {
        const current = u * stride + t * size;
        if (t > 0) {
          const previous = current - size;
          for (let d = from; d < to; d++) keyed[current + d] += keyed[previous + d];
        }
        for (let l = l0; l < l1; l++) {
          const target = (level[l] * months + t) * size;
          for (let d = from; d < to; d++) rows[target + d] += keyed[current + d];
        }
      }
    }
  }
}
