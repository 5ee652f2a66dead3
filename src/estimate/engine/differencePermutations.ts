/**
 * The `diff` estimator under permuted labels with every weight 1, for
 * randomization inference: each cell's statistic is a difference of two
 * means, so it needs only the persons and outcome sums of each arm per row
 * set. These are kept for the observed labels, and a permutation moves just
 * the persons whose label differs (about half of the two arms compared),
 * each by its observed and outcome runs (difference arrays over months, as
 * in sufficientStatistics.ts). The reference arm's sums are never moved:
 * they are the all-arm totals, which no relabelling changes, minus the
 * other arms', so a person moved between an arm and the reference costs one
 * update, not two. Hand-coded for the same reason as that file:
 * no library accumulates sums over run-length encoded panels.
 */
import type { EffectDesign } from './effectDesign.js';
import { findPersonRuns } from './personRuns.js';

export interface DifferencePermutations {
  readonly cells: number;
  evaluate(arm: Uint8Array, out: Float64Array): void;
}

export function createDifferencePermutations(design: EffectDesign): DifferencePermutations {
  const runs = findPersonRuns(design);
  const { arms: A, months: T, outcomes: O, reference, persons } = design;
  const { slots, memberships, labels } = design.groups;
  const S = labels.length;
  const W = T + 1;
  const countAt = (s: number, a: number) => (s * A + a) * W;
  const sumAt = (o: number, s: number, a: number) => ((o * S + s) * A + a) * W;
  const baseCounts = new Float64Array(S * A * W);
  const baseSums = new Float64Array(O * S * A * W);
  const counts = new Float64Array(S * A * W);
  const sums = new Float64Array(O * S * A * W);

  /** Adds person p's runs to arm a with sign ±1 (nothing for the reference, whose sums follow from the totals). */
  const move = (p: number, a: number, sign: number, countArray: Float64Array, sumArray: Float64Array) => {
    if (a === reference) return;
    for (let k = 0; k < slots; k++) {
      const s = memberships[p * slots + k];
      if (s < 0) continue;
      for (let r = runs.observedStart[p]; r < runs.observedStart[p + 1]; r++) {
        countArray[countAt(s, a) + runs.observedFrom[r]] += sign;
        countArray[countAt(s, a) + runs.observedTo[r]] -= sign;
      }
      for (let r = runs.valueStart[p]; r < runs.valueStart[p + 1]; r++) {
        const at = sumAt(runs.valueOutcome[r], s, a);
        const v = sign * runs.value[r];
        sumArray[at + runs.valueFrom[r]] += v;
        sumArray[at + runs.valueTo[r]] -= v;
      }
    }
  };
  for (let p = 0; p < persons; p++) move(p, design.arm[p], 1, baseCounts, baseSums);
  // All-arm totals, in the reference's slots of their own arrays (labels never change them).
  const totalCounts = new Float64Array(S * A * W);
  const totalSums = new Float64Array(O * S * A * W);
  for (let p = 0; p < persons; p++) {
    for (let k = 0; k < slots; k++) {
      const s = memberships[p * slots + k];
      if (s < 0) continue;
      for (let r = runs.observedStart[p]; r < runs.observedStart[p + 1]; r++) {
        totalCounts[countAt(s, reference) + runs.observedFrom[r]] += 1;
        totalCounts[countAt(s, reference) + runs.observedTo[r]] -= 1;
      }
      for (let r = runs.valueStart[p]; r < runs.valueStart[p + 1]; r++) {
        const at = sumAt(runs.valueOutcome[r], s, reference);
        totalSums[at + runs.valueFrom[r]] += runs.value[r];
        totalSums[at + runs.valueTo[r]] -= runs.value[r];
      }
    }
  }

  const cells = O * S * A * T;
  return {
    cells,
    evaluate(arm, out) {
      counts.set(baseCounts);
      sums.set(baseSums);
      for (let p = 0; p < persons; p++) {
        if (arm[p] === design.arm[p]) continue;
        move(p, design.arm[p], -1, counts, sums);
        move(p, arm[p], 1, counts, sums);
      }
      for (let s = 0; s < S; s++) {
        for (let o = 0; o < O; o++) {
          let referenceCount = 0;
          let referenceSum = 0;
          const refCounts = countAt(s, reference);
          const refSums = sumAt(o, s, reference);
          // Reference means first (prefix sums over months), then each arm's difference.
          for (let t = 0; t < T; t++) {
            referenceCount += totalCounts[refCounts + t];
            referenceSum += totalSums[refSums + t];
            let otherCount = 0;
            let otherSum = 0;
            for (let a = 0; a < A; a++) {
              if (a === reference) continue;
              for (let u = 0; u <= t; u++) {
                otherCount += counts[countAt(s, a) + u];
                otherSum += sums[sumAt(o, s, a) + u];
              }
            }
            const n = referenceCount - otherCount;
            out[((o * S + s) * A + reference) * T + t] = n > 0.5 ? (referenceSum - otherSum) / n : NaN;
          }
          for (let a = 0; a < A; a++) {
            if (a === reference) continue;
            let count = 0;
            let sum = 0;
            const armCounts = countAt(s, a);
            const armSums = sumAt(o, s, a);
            for (let t = 0; t < T; t++) {
              count += counts[armCounts + t];
              sum += sums[armSums + t];
              const cell = ((o * S + s) * A + a) * T + t;
              const refMean = out[((o * S + s) * A + reference) * T + t];
              out[cell] = count > 0 ? sum / count - refMean : NaN;
            }
          }
          for (let t = 0; t < T; t++) out[((o * S + s) * A + reference) * T + t] = NaN;
        }
      }
    },
  };
}
