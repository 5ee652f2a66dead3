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
 *
 * The counts and covariate sums of a row set change only in a month where
 * somebody of it starts or stops being observed: in any other month the
 * difference arrays hold 0 there, and the running sum is the previous
 * month's to the last bit. So they are summed and written only in the
 * months where some row set changes persons (PersonMonths; at the
 * fixture's 15 uncensored months, month 0 alone), and a row set's counts
 * and covariate sums are read at personsRow[r], the row set of the same
 * level in the last such month; outcome sums are written in every month.
 */
import { monthsWithNewPersons } from './effectEvaluator.js';
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

/**
 * Which months' person sums (counts, covariate sums) are written: 1 for
 * month 0 and each month where some row set's persons differ from the
 * previous month's; and per row set r = s * months + t, the row set
 * (s, t′) whose person sums are r's, t′ the last such month ≤ t.
 */
export interface PersonMonths {
  newPersons: Uint8Array;
  personsRow: Int32Array;
}

/** `samePersons`: effectEvaluator's samePersonsAsPreviousMonth, per row set. */
export function personMonths(samePersons: Uint8Array, subgroups: number, months: number): PersonMonths {
  const newPersons = monthsWithNewPersons(samePersons, subgroups, months);
  const personsRow = new Int32Array(subgroups * months);
  for (let s = 0; s < subgroups; s++) {
    let last = 0;
    for (let t = 0; t < months; t++) {
      if (newPersons[t] === 1) last = t;
      personsRow[s * months + t] = s * months + last;
    }
  }
  return { newPersons, personsRow };
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
  /** The months whose person sums are written (personMonths()). */
  personMonths: PersonMonths;
}

/**
 * Label-independent: what moving each person adds to arm column 0's
 * corrections (column d's are d * segment further on), as one list of
 * (offset, value) per person, in the order of the person's runs (per key,
 * each observed run's start and then its end, then each value run's start
 * and end). A flat list because a moved person's additions are a handful
 * per key, on which nested loops over keys, runs and covariates spent more
 * than on the additions themselves.
 */
interface Plan {
  /** Base label and its arm column (−1 for the reference) of each person. */
  baseLabel: Uint8Array;
  baseColumn: Int32Array;
  /** Person p's additions: entryOffset/entryValue[entryStart[p] … entryStart[p + 1] − 1], for sign 1. */
  entryStart: Int32Array;
  entryOffset: Int32Array;
  entryValue: Float64Array;
}

export class ArmSums {
  /**
   * Sums of row set (s, t) at ((s * months + t) * layout.size), for the
   * labels of the last accumulate; the counts and covariate sums only where
   * PersonMonths.newPersons[t] (read them at personsRow).
   */
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
    // The columns the last accumulate changed (even one cut short by a bad label) back to the base sums and zero corrections; the others still are.
    for (let column = 0; column < changed.length; column++) {
      if (changed[column]) restoreColumn(this.sources, column, this.base, this.rows, keyed);
    }
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
    spread(this.sources, keyed, this.rows, changed);
  }
}

/**
 * Sets column `column`'s rows back to `base` and its corrections to 0,
 * where spread writes them (the person sums in newPersons months only).
 */
function restoreColumn(sources: ArmSumSources, column: number, base: Float64Array, rows: Float64Array, keyed: Float64Array): void {
  const { layout, keys, months, subgroups, personMonths } = sources;
  const { size, segment, valueBase } = layout;
  const { newPersons } = personMonths;
  const from = column * segment;
  const to = from + segment;
  const values = from + valueBase;
  for (let s = 0; s < subgroups; s++) {
    for (let t = 0; t < months; t++) {
      const at = (s * months + t) * size;
      for (let d = newPersons[t] === 1 ? from : values; d < to; d++) rows[at + d] = base[at + d];
    }
  }
  for (let u = 0; u < keys.count; u++) {
    for (let t = 0; t < months; t++) {
      const at = (u * months + t) * size;
      for (let d = newPersons[t] === 1 ? from : values; d < to; d++) keyed[at + d] = 0;
    }
  }
}

function makePlan(sources: ArmSumSources, columnOf: Int32Array): Plan {
  const { layout, runs, keys, block, persons, months, covariates, base } = sources;
  const { size, covariateBase, valueBase } = layout;
  const monthOffset = (month: number) => (month === months ? -1 : month * size);
  /** Calls add(offset, value) for each of person p's additions, in order. */
  const visit = (p: number, add: (offset: number, value: number) => void) => {
    for (let j = keys.personStart[p]; j < keys.personStart[p + 1]; j++) {
      const bucket = keys.personKey[j] * months * size;
      for (let r = runs.observedStart[p]; r < runs.observedStart[p + 1]; r++) {
        for (let side = 0; side < 2; side++) {
          const at = monthOffset(side === 0 ? runs.observedFrom[r] : runs.observedTo[r]);
          if (at < 0) break;
          const sign = side === 0 ? 1 : -1;
          add(bucket + at + block[p], sign);
          for (let a = covariates.start[p]; a < covariates.start[p + 1]; a++) add(bucket + at + covariateBase + covariates.index[a], sign * covariates.value[a]);
        }
      }
      for (let r = runs.valueStart[p]; r < runs.valueStart[p + 1]; r++) {
        const cell = valueBase + runs.valueOutcome[r];
        add(bucket + monthOffset(runs.valueFrom[r]) + cell, runs.value[r]);
        const to = monthOffset(runs.valueTo[r]);
        if (to >= 0) add(bucket + to + cell, -runs.value[r]);
      }
    }
  };
  const entryStart = new Int32Array(persons + 1);
  for (let p = 0; p < persons; p++) {
    let count = 0;
    visit(p, () => count++);
    entryStart[p + 1] = entryStart[p] + count;
  }
  const entryOffset = new Int32Array(entryStart[persons]);
  const entryValue = new Float64Array(entryStart[persons]);
  let n = 0;
  for (let p = 0; p < persons; p++) {
    visit(p, (offset, value) => {
      entryOffset[n] = offset;
      entryValue[n++] = value;
    });
  }
  return { baseLabel: base.slice(), baseColumn: Int32Array.from(base, (g) => columnOf[g]), entryStart, entryOffset, entryValue };
}

/**
 * Adds (sign 1) or removes (−1) person i to arm column `column`. A plain
 * function so that V8 optimises it once. sign · (−v) is −(sign · v) and
 * x + (−y) is x − y in floating point, so the list's negated values give
 * what subtracting at a run's end gives.
 */
function addPerson(sources: ArmSumSources, plan: Plan, keyed: Float64Array, i: number, column: number, sign: number): void {
  const { entryStart, entryOffset, entryValue } = plan;
  const shift = column * sources.layout.segment;
  const end = entryStart[i + 1];
  for (let e = entryStart[i]; e < end; e++) keyed[entryOffset[e] + shift] += sign * entryValue[e];
}

/**
 * Prefix sums over months of each bucket's corrections, each added to the
 * bucket's subgroup levels; only the segments of changed columns (the
 * others' corrections are 0). The person sums only in newPersons months,
 * carried from the last such month: the months between add 0.
 */
function spread(sources: ArmSumSources, keyed: Float64Array, rows: Float64Array, changed: Uint8Array): void {
  const { layout, keys, months, personMonths } = sources;
  const { size, segment, columns, valueBase } = layout;
  const { levelStart, level } = keys;
  const { newPersons } = personMonths;
  const stride = months * size;
  for (let column = 0; column < columns; column++) {
    if (!changed[column]) continue;
    const from = column * segment;
    const to = from + segment;
    const values = from + valueBase;
    for (let u = 0; u < keys.count; u++) {
      const l0 = levelStart[u];
      const l1 = levelStart[u + 1];
      let lastNew = u * stride;
      for (let t = 0; t < months; t++) {
        const current = u * stride + t * size;
        const first = newPersons[t] === 1 ? from : values;
        if (t > 0) {
          if (first === from) {
            for (let d = from; d < values; d++) keyed[current + d] += keyed[lastNew + d];
            lastNew = current;
          }
          const previous = current - size;
          for (let d = values; d < to; d++) keyed[current + d] += keyed[previous + d];
        }
        for (let l = l0; l < l1; l++) {
          const target = (level[l] * months + t) * size;
          for (let d = first; d < to; d++) rows[target + d] += keyed[current + d];
        }
      }
    }
  }
}
