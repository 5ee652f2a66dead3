import { describe, expect, it } from 'vitest';
import { findPersonRuns } from '../../../src/estimate/engine/personRuns.js';
import { random } from './randomDesign.js';

/** Month by month, what findPersonRuns encodes as runs: observed months and nonzero values per outcome. */
function expandRuns(runs: ReturnType<typeof findPersonRuns>, persons: number, outcomes: number, months: number): Float64Array {
  const values = new Float64Array(persons * outcomes * months).fill(NaN);
  for (let p = 0; p < persons; p++) {
    for (let r = runs.observedStart[p]; r < runs.observedStart[p + 1]; r++) {
      expect(runs.observedFrom[r]).toBeLessThan(runs.observedTo[r]);
      for (let o = 0; o < outcomes; o++) values.fill(0, (p * outcomes + o) * months + runs.observedFrom[r], (p * outcomes + o) * months + runs.observedTo[r]);
    }
    for (let r = runs.valueStart[p]; r < runs.valueStart[p + 1]; r++) {
      const row = (p * outcomes + runs.valueOutcome[r]) * months;
      for (let t = runs.valueFrom[r]; t < runs.valueTo[r]; t++) {
        expect(values[row + t]).toBe(0);
        values[row + t] = runs.value[r];
      }
    }
  }
  return values;
}

describe('findPersonRuns', () => {
  it('encodes every observed month and value, with runs as long as they can be, however many there are', () => {
    const next = random(7);
    // Persons with many short runs: far more runs than persons, so the run arrays grow several times.
    for (const persons of [1, 5, 200]) {
      const outcomes = 3;
      const months = 12;
      const values = new Float64Array(persons * outcomes * months);
      for (let p = 0; p < persons; p++) {
        for (let t = 0; t < months; t++) {
          const observed = next() < 0.7;
          for (let o = 0; o < outcomes; o++) {
            const u = next();
            values[(p * outcomes + o) * months + t] = !observed ? NaN : u < 0.4 ? 0 : u < 0.7 ? 1 : u < 0.9 ? 2.5 : -1e-3 * next();
          }
        }
      }
      const runs = findPersonRuns({ persons, outcomes, months, values });
      expect(Array.from(expandRuns(runs, persons, outcomes, months))).toEqual(Array.from(values));
      // Maximal: neighbouring runs of a person are apart or differ in value.
      for (let p = 0; p < persons; p++) {
        for (let r = runs.observedStart[p] + 1; r < runs.observedStart[p + 1]; r++) expect(runs.observedFrom[r]).toBeGreaterThan(runs.observedTo[r - 1]);
        for (let r = runs.valueStart[p] + 1; r < runs.valueStart[p + 1]; r++) {
          if (runs.valueOutcome[r] !== runs.valueOutcome[r - 1] || runs.valueFrom[r] !== runs.valueTo[r - 1]) continue;
          expect(runs.value[r]).not.toBe(runs.value[r - 1]);
        }
      }
      if (persons === 200) expect(runs.valueFrom.length).toBeGreaterThan(8 * persons);
    }
  });

  it('handles nobody, and a person never observed', () => {
    const none = findPersonRuns({ persons: 0, outcomes: 2, months: 3, values: new Float64Array(0) });
    expect(Array.from(none.observedStart)).toEqual([0]);
    const unobserved = findPersonRuns({ persons: 2, outcomes: 1, months: 2, values: Float64Array.from([NaN, NaN, 0, 3]) });
    expect(Array.from(unobserved.observedStart)).toEqual([0, 0, 1]);
    expect(Array.from(unobserved.valueStart)).toEqual([0, 0, 1]);
    expect([unobserved.valueFrom[0], unobserved.valueTo[0], unobserved.value[0]]).toEqual([1, 2, 3]);
  });

  it('rejects a month observed for some outcomes and not others', () => {
    expect(() => findPersonRuns({ persons: 1, outcomes: 2, months: 2, values: Float64Array.from([0, 1, 0, NaN]) })).toThrow(/person 0 is observed in month 1/);
  });
});
