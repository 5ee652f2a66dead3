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
 */
export function findPersonRuns(design: RunInput): PersonRuns {
  const counts = scan(design, null);
  const runs: PersonRuns = {
    observedStart: new Int32Array(design.persons + 1),
    observedFrom: new Int32Array(counts.observed),
    observedTo: new Int32Array(counts.observed),
    valueStart: new Int32Array(design.persons + 1),
    valueOutcome: new Int32Array(counts.value),
    valueFrom: new Int32Array(counts.value),
    valueTo: new Int32Array(counts.value),
    value: new Float64Array(counts.value),
  };
  scan(design, runs);
  return runs;
}

/** Counts the runs (`into` null) or writes them; one routine so both passes agree. */
function scan(design: RunInput, into: PersonRuns | null): { observed: number; value: number } {
  const { persons, outcomes, months, values } = design;
  let observedRuns = 0;
  let valueRuns = 0;
  for (let p = 0; p < persons; p++) {
    if (into) {
      into.observedStart[p] = observedRuns;
      into.valueStart[p] = valueRuns;
    }
    const first = p * outcomes * months;
    let runFrom = -1;
    for (let t = 0; t <= months; t++) {
      const observed = t < months && !Number.isNaN(values[first + t]);
      if (t < months) {
        for (let o = 1; o < outcomes; o++) {
          if (Number.isNaN(values[first + o * months + t]) === observed) {
            throw new Error(`effect design: person ${p} is observed in month ${t} for some outcomes and not for others`);
          }
        }
      }
      if (observed && runFrom < 0) runFrom = t;
      if (!observed && runFrom >= 0) {
        if (into) {
          into.observedFrom[observedRuns] = runFrom;
          into.observedTo[observedRuns] = t;
        }
        observedRuns++;
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
          if (into) {
            into.valueOutcome[valueRuns] = o;
            into.valueFrom[valueRuns] = from;
            into.valueTo[valueRuns] = t;
            into.value[valueRuns] = values[row + from];
          }
          valueRuns++;
          from = -1;
        }
        if (from < 0 && v !== 0 && !Number.isNaN(v)) from = t;
      }
    }
  }
  if (into) {
    into.observedStart[persons] = observedRuns;
    into.valueStart[persons] = valueRuns;
  }
  return { observed: observedRuns, value: valueRuns };
}
