/**
 * Each person's observed months and outcome values as runs, found once per
 * design so that a replicate costs O(runs) per person instead of O(months):
 * persons are observed in a prefix of the follow-up (censoring at the
 * extract date) and a 0/1 outcome is 1 in a few stretches, so a person has
 * one or two runs where a month-by-month pass would touch every month. The
 * replicate evaluator adds a run's contribution at its first month and
 * removes it after its last (difference arrays over months).
 */
import type { EffectDesign } from './effectDesign.js';

/** Compressed sparse rows: the runs of person p are indices start[p] … start[p + 1] − 1. */
export interface PersonRuns {
  /** Runs of observed months [from, to). */
  observedStart: Int32Array;
  observedFrom: Int32Array;
  observedTo: Int32Array;
  /**
   * Runs [from, to) of one outcome with one nonzero value in consecutive
   * observed months (a zero adds nothing to a sum, so it needs no run).
   */
  valueStart: Int32Array;
  valueOutcome: Int32Array;
  valueFrom: Int32Array;
  valueTo: Int32Array;
  value: Float64Array;
}

type RunInput = Pick<EffectDesign, 'persons' | 'outcomes' | 'months' | 'values'>;

/**
 * Throws when a person-month is observed for some outcomes and not for
 * others: the row sets are shared by every outcome (EffectDesign.values).
 * One pass over the values, into arrays that grow by doubling, rather than
 * one pass to count the runs and another to write them: the scan is most
 * of the cost, and at the start of a worker it runs before V8 has
 * optimised it.
 */
export function findPersonRuns(design: RunInput): PersonRuns {
  const { persons, outcomes, months, values } = design;
  const observedStart = new Int32Array(persons + 1);
  const valueStart = new Int32Array(persons + 1);
  let observed = new Runs(Math.max(16, persons));
  let valued = new Runs(Math.max(16, persons));
  for (let p = 0; p < persons; p++) {
    observedStart[p] = observed.count;
    valueStart[p] = valued.count;
    const first = p * outcomes * months;
    let runFrom = -1;
    for (let t = 0; t <= months; t++) {
      const isObserved = t < months && !Number.isNaN(values[first + t]);
      if (t < months) {
        for (let o = 1; o < outcomes; o++) {
          if (Number.isNaN(values[first + o * months + t]) === isObserved) {
            throw new Error(`effect design: person ${p} is observed in month ${t} for some outcomes and not for others`);
          }
        }
      }
      if (isObserved && runFrom < 0) runFrom = t;
      if (!isObserved && runFrom >= 0) {
        if (observed.count === observed.from.length) observed = observed.grown();
        observed.from[observed.count] = runFrom;
        observed.to[observed.count++] = t;
        runFrom = -1;
      }
    }
    for (let o = 0; o < outcomes; o++) {
      const row = first + o * months;
      let from = -1;
      for (let t = 0; t <= months; t++) {
        const v = t < months ? values[row + t] : NaN;
        // A run ends where the value changes, becomes 0 or is not observed.
        if (from >= 0 && v !== values[row + from]) {
          if (valued.count === valued.from.length) valued = valued.grown();
          valued.outcome[valued.count] = o;
          valued.from[valued.count] = from;
          valued.to[valued.count] = t;
          valued.value[valued.count++] = values[row + from];
          from = -1;
        }
        if (from < 0 && v !== 0 && !Number.isNaN(v)) from = t;
      }
    }
  }
  observedStart[persons] = observed.count;
  valueStart[persons] = valued.count;
  return {
    observedStart,
    observedFrom: observed.from.slice(0, observed.count),
    observedTo: observed.to.slice(0, observed.count),
    valueStart,
    valueOutcome: valued.outcome.slice(0, valued.count),
    valueFrom: valued.from.slice(0, valued.count),
    valueTo: valued.to.slice(0, valued.count),
    value: valued.value.slice(0, valued.count),
  };
}

/** Runs found so far, in arrays of some capacity (observed runs leave outcome and value unused). */
class Runs {
  count = 0;
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly outcome: Int32Array;
  readonly value: Float64Array;

  constructor(capacity: number) {
    this.from = new Int32Array(capacity);
    this.to = new Int32Array(capacity);
    this.outcome = new Int32Array(capacity);
    this.value = new Float64Array(capacity);
  }

  /** The same runs with twice the capacity. */
  grown(): Runs {
    const next = new Runs(2 * this.from.length);
    next.count = this.count;
    next.from.set(this.from);
    next.to.set(this.to);
    next.outcome.set(this.outcome);
    next.value.set(this.value);
    return next;
  }
}
