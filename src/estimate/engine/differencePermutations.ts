/**
 * The `diff` estimator under permuted labels with every weight 1, for
 * randomization inference: each cell's statistic is a difference of two
 * means, so it needs only the persons and outcome sums of each arm per row
 * set. These are kept for the observed labels, and a permutation moves just
 * the persons whose label differs (about half of the two arms compared),
 * each by its observed and outcome runs (difference arrays over months, as
 * in sufficientStatistics.ts). Three things keep a move cheap:
 * - sums are kept per row-set key (the combination of a person's subgroup
 *   levels), not per level, so a person is moved once, not once per slot;
 *   the keys are added up into levels once per permutation;
 * - the reference arm's sums are never moved: they are the all-arm totals,
 *   which no relabelling changes, minus the other arms';
 * - only persons whose label differs are visited.
 * Hand-coded for the same reason as sufficientStatistics.ts: no library
 * accumulates sums over run-length encoded panels.
 *
 * This evaluator reads labels; randomization inference's sampled
 * permutations use permutationProfiles.ts instead, which needs only counts
 * per group of alike persons. This one gives the exact enumeration of small
 * designs and the reference the grouped one is tested against.
 */
import { distinctRows } from '../distinctRows.js';
import type { EffectDesign } from './effectDesign.js';
import { findPersonRuns } from './personRuns.js';

export interface DifferencePermutations {
  readonly cells: number;
  evaluate(arm: Uint8Array, out: Float64Array): void;
}

export interface RowSetKeyOf {
  /** Per person, the key: the combination of their subgroup levels. */
  keyOf: Int32Array;
  /** Per key, its levels. */
  keyLevels: number[][];
}

/**
 * Row-set keys: the distinct rows of subgroup memberships (a person's level
 * in each slot, −1 where missing), each with its levels. Hashed rather than
 * named, as a million persons' key strings cost more than a second.
 */
export function rowSetKeysOf(design: Pick<EffectDesign, 'persons' | 'groups'>): RowSetKeyOf {
  const { slots, memberships } = design.groups;
  const rows = distinctRows(new Uint32Array(memberships.buffer, memberships.byteOffset, design.persons * slots), slots, slots, design.persons);
  const keyLevels = Array.from(rows.first, (p) => Array.from(memberships.subarray(p * slots, (p + 1) * slots)).filter((s) => s >= 0));
  return { keyOf: rows.id, keyLevels };
}

export function createDifferencePermutations(design: EffectDesign): DifferencePermutations {
  const runs = findPersonRuns(design);
  const { arms: A, months: T, outcomes: O, reference, persons } = design;
  const S = design.groups.labels.length;
  const W = T + 1;

  const { keyOf, keyLevels } = rowSetKeysOf(design);
  const K = keyLevels.length;
  const countAt = (key: number, a: number) => (key * A + a) * W;
  const sumAt = (o: number, key: number, a: number) => ((o * K + key) * A + a) * W;

  /** Adds person p's runs to arm a with sign ±1, in difference arrays over months. */
  const move = (p: number, a: number, sign: number, counts: Float64Array, sums: Float64Array) => {
    const key = keyOf[p];
    for (let r = runs.observedStart[p]; r < runs.observedStart[p + 1]; r++) {
      counts[countAt(key, a) + runs.observedFrom[r]] += sign;
      counts[countAt(key, a) + runs.observedTo[r]] -= sign;
    }
    for (let r = runs.valueStart[p]; r < runs.valueStart[p + 1]; r++) {
      const at = sumAt(runs.valueOutcome[r], key, a);
      const v = sign * runs.value[r];
      sums[at + runs.valueFrom[r]] += v;
      sums[at + runs.valueTo[r]] -= v;
    }
  };
  const baseCounts = new Float64Array(K * A * W);
  const baseSums = new Float64Array(O * K * A * W);
  for (let p = 0; p < persons; p++) move(p, design.arm[p], 1, baseCounts, baseSums);

  // All-arm totals per level and month: what no relabelling changes.
  const totalCount = new Float64Array(S * T);
  const totalSum = new Float64Array(O * S * T);
  for (let key = 0; key < K; key++) {
    for (let a = 0; a < A; a++) {
      let count = 0;
      for (let t = 0; t < T; t++) {
        count += baseCounts[countAt(key, a) + t];
        for (const s of keyLevels[key]) totalCount[s * T + t] += count;
      }
      for (let o = 0; o < O; o++) {
        let sum = 0;
        for (let t = 0; t < T; t++) {
          sum += baseSums[sumAt(o, key, a) + t];
          for (const s of keyLevels[key]) totalSum[(o * S + s) * T + t] += sum;
        }
      }
    }
  }

  const counts = new Float64Array(K * A * W);
  const sums = new Float64Array(O * K * A * W);
  const levelCount = new Float64Array(S * A * T);
  const levelSum = new Float64Array(O * S * A * T);
  const cells = O * S * A * T;
  return {
    cells,
    evaluate(arm, out) {
      counts.set(baseCounts);
      sums.set(baseSums);
      for (let p = 0; p < persons; p++) {
        const from = design.arm[p];
        const to = arm[p];
        if (to === from) continue;
        if (from !== reference) move(p, from, -1, counts, sums);
        if (to !== reference) move(p, to, 1, counts, sums);
      }
      levelCount.fill(0);
      levelSum.fill(0);
      for (let key = 0; key < K; key++) {
        for (let a = 0; a < A; a++) {
          if (a === reference) continue;
          let count = 0;
          for (let t = 0; t < T; t++) {
            count += counts[countAt(key, a) + t];
            for (const s of keyLevels[key]) levelCount[(s * A + a) * T + t] += count;
          }
          for (let o = 0; o < O; o++) {
            let sum = 0;
            for (let t = 0; t < T; t++) {
              sum += sums[sumAt(o, key, a) + t];
              for (const s of keyLevels[key]) levelSum[((o * S + s) * A + a) * T + t] += sum;
            }
          }
        }
      }
      for (let o = 0; o < O; o++) {
        for (let s = 0; s < S; s++) {
          for (let t = 0; t < T; t++) {
            let referenceCount = totalCount[s * T + t];
            let referenceSum = totalSum[(o * S + s) * T + t];
            for (let a = 0; a < A; a++) {
              if (a === reference) continue;
              referenceCount -= levelCount[(s * A + a) * T + t];
              referenceSum -= levelSum[((o * S + s) * A + a) * T + t];
            }
            const referenceMean = referenceCount > 0.5 ? referenceSum / referenceCount : NaN;
            for (let a = 0; a < A; a++) {
              const cell = ((o * S + s) * A + a) * T + t;
              if (a === reference) {
                out[cell] = NaN;
                continue;
              }
              const count = levelCount[(s * A + a) * T + t];
              out[cell] = count > 0.5 ? levelSum[((o * S + s) * A + a) * T + t] / count - referenceMean : NaN;
            }
          }
        }
      }
    },
  };
}
