/**
 * The `diff` estimator's sampled permutations for randomization inference,
 * drawn and evaluated as counts per group of alike persons. In a
 * permutation among one arm a and the reference, every cell of arm a is a
 * difference of means, which reads the labels only through arm a's persons
 * and outcome sums per row set; the reference's are the two arms' pooled
 * totals minus arm a's. Persons with the same profile (subgroup levels and
 * whole outcome history, observed months included) add the same to those
 * sums, so a permutation only has to say how many persons of each profile
 * in each block get arm a: a multivariate hypergeometric count per
 * (block, profile) cell, drawn exactly by GroupedBlockSampler. A
 * permutation then costs O(cells + profiles × runs) instead of
 * O(persons × runs).
 *
 * Sums are kept as in differencePermutations.ts: per row-set key, in
 * difference arrays over months, added up into levels once per permutation.
 * A profile's additions are listed once (index, value), from its first
 * person's runs, and a permutation adds each times that profile's count.
 */
import { blockCells, GroupedBlockSampler, type BlockCells } from '../../balance/groupedBlockSampler.js';
import { distinctRows } from '../distinctRows.js';
import type { ArmPermutations } from '../randomizationInference.js';
import { rowSetKeysOf } from './differencePermutations.js';
import type { EffectDesign } from './effectDesign.js';
import { findPersonRuns } from './personRuns.js';

export interface DifferenceProfiles {
  forArm(arm: number): ArmPermutations;
}

interface Profiles {
  count: number;
  /** Per person. */
  id: Int32Array;
  /** A profile's additions: entryIndex[entryStart[g] … entryStart[g + 1]) with entryValue. */
  entryStart: Int32Array;
  entryIndex: Int32Array;
  entryValue: Float64Array;
  keys: number;
  keyLevelStart: Int32Array;
  keyLevel: Int32Array;
}

/** Profiles are found on the first forArm() call, and each arm's cells once. */
export function createDifferenceProfiles(design: EffectDesign): DifferenceProfiles {
  let profiles: Profiles | null = null;
  const arms = new Map<number, ArmPermutations>();
  return {
    forArm(arm) {
      profiles ??= findProfiles(design);
      let permutations = arms.get(arm);
      if (!permutations) arms.set(arm, (permutations = armPermutations(design, profiles, arm)));
      return permutations;
    },
  };
}

/**
 * Accumulator layout (one arm): statistic st (0 = persons observed, 1 + o =
 * outcome o's sum) of key u in month t at (st * keys + u) * (T + 1) + t.
 */
function findProfiles(design: EffectDesign): Profiles {
  const { persons, outcomes: O, months: T, values } = design;
  const { keyOf, keyLevels } = rowSetKeysOf(design);
  const rows = distinctRows(new Uint32Array(values.buffer, values.byteOffset, persons * O * T * 2), 2 * O * T, 2 * O * T, persons, keyOf);
  // The runs of each profile's first person stand for the profile.
  const firstValues = new Float64Array(rows.count * O * T);
  rows.first.forEach((p, g) => firstValues.set(values.subarray(p * O * T, (p + 1) * O * T), g * O * T));
  const runs = findPersonRuns({ persons: rows.count, outcomes: O, months: T, values: firstValues });
  const keys = keyLevels.length;
  const W = T + 1;
  const entryStart = new Int32Array(rows.count + 1);
  const entryIndex: number[] = [];
  const entryValue: number[] = [];
  const add = (index: number, value: number) => {
    entryIndex.push(index);
    entryValue.push(value);
  };
  for (let g = 0; g < rows.count; g++) {
    const key = keyOf[rows.first[g]];
    if (keyLevels[key].length > 0) {
      for (let r = runs.observedStart[g]; r < runs.observedStart[g + 1]; r++) {
        add(key * W + runs.observedFrom[r], 1);
        add(key * W + runs.observedTo[r], -1);
      }
      for (let r = runs.valueStart[g]; r < runs.valueStart[g + 1]; r++) {
        const at = ((1 + runs.valueOutcome[r]) * keys + key) * W;
        add(at + runs.valueFrom[r], runs.value[r]);
        add(at + runs.valueTo[r], -runs.value[r]);
      }
    }
    entryStart[g + 1] = entryIndex.length;
  }
  const keyLevelStart = new Int32Array(keys + 1);
  keyLevels.forEach((levels, u) => (keyLevelStart[u + 1] = keyLevelStart[u] + levels.length));
  return {
    count: rows.count,
    id: rows.id,
    entryStart,
    entryIndex: Int32Array.from(entryIndex),
    entryValue: Float64Array.from(entryValue),
    keys,
    keyLevelStart,
    keyLevel: Int32Array.from(keyLevels.flat()),
  };
}

function armPermutations(design: EffectDesign, profiles: Profiles, arm: number): ArmPermutations {
  const { arms: A, months: T, outcomes: O, reference } = design;
  const S = design.groups.labels.length;
  const W = T + 1;
  const statistics = 1 + O;

  // The two arms' persons; label 1 = arm, 0 = reference.
  const members: number[] = [];
  for (let p = 0; p < design.persons; p++) if (design.arm[p] === arm || design.arm[p] === reference) members.push(p);
  const cells: BlockCells = blockCells(
    Uint8Array.from(members, (p) => (design.arm[p] === arm ? 1 : 0)),
    Int32Array.from(members, (p) => design.block[p]),
    Math.max(1, design.blocks),
    Int32Array.from(members, (p) => profiles.id[p]),
    2,
  );
  const sampler = new GroupedBlockSampler(cells);
  const counts = new Int32Array(sampler.length);
  const cellProfile = cells.group;
  const present = Int32Array.from(new Set(cellProfile));

  const weight = new Float64Array(profiles.count);
  const sums = new Float64Array(statistics * profiles.keys * W);
  const armLevel = new Float64Array(statistics * S * T);
  const pooledLevel = new Float64Array(statistics * S * T);

  /** Per-level sums over months, into `into`, for `persons` per cell (counts or sizes, at stride). */
  const accumulate = (persons: Int32Array, stride: number, offset: number, into: Float64Array) => {
    const { entryStart, entryIndex, entryValue, keys, keyLevelStart, keyLevel } = profiles;
    for (let c = 0; c < cellProfile.length; c++) weight[cellProfile[c]] += persons[c * stride + offset];
    sums.fill(0);
    for (let i = 0; i < present.length; i++) {
      const g = present[i];
      const n = weight[g];
      if (n === 0) continue;
      weight[g] = 0;
      for (let e = entryStart[g]; e < entryStart[g + 1]; e++) sums[entryIndex[e]] += n * entryValue[e];
    }
    into.fill(0);
    for (let st = 0; st < statistics; st++) {
      for (let u = 0; u < keys; u++) {
        const from = (st * keys + u) * W;
        let running = 0;
        for (let t = 0; t < T; t++) {
          running += sums[from + t];
          if (running === 0) continue;
          for (let l = keyLevelStart[u]; l < keyLevelStart[u + 1]; l++) into[(st * S + keyLevel[l]) * T + t] += running;
        }
      }
    }
  };
  accumulate(cells.size, 1, 0, pooledLevel);

  const write = (out: Float64Array) => {
    for (let o = 0; o < O; o++) {
      for (let s = 0; s < S; s++) {
        const countAt = s * T;
        const sumAt = ((1 + o) * S + s) * T;
        const cellAt = ((o * S + s) * A + arm) * T;
        for (let t = 0; t < T; t++) {
          const count = armLevel[countAt + t];
          const referenceCount = pooledLevel[countAt + t] - count;
          const referenceMean = referenceCount > 0.5 ? (pooledLevel[sumAt + t] - armLevel[sumAt + t]) / referenceCount : NaN;
          out[cellAt + t] = count > 0.5 ? armLevel[sumAt + t] / count - referenceMean : NaN;
        }
      }
    }
  };
  return {
    observed(out) {
      accumulate(cells.observed, 2, 1, armLevel);
      write(out);
    },
    draw(rng, out) {
      sampler.draw(rng, counts);
      accumulate(counts, 2, 1, armLevel);
      write(out);
    },
  };
}
