import { describe, expect, it } from 'vitest';
import { createDifferencePermutations } from '../../../src/estimate/engine/differencePermutations.js';
import { effectCell, type EffectDesign } from '../../../src/estimate/engine/effectDesign.js';
import { createDifferenceProfiles } from '../../../src/estimate/engine/permutationProfiles.js';
import { randomizationPValues } from '../../../src/estimate/randomizationInference.js';
import { runRandomizationJob } from '../../../src/estimate/randomizationJob.js';
import { RandomStream } from '../../../src/random/stream.js';

const LABELS = ['all', 'v=a', 'v=b', 'tiny'];
const SLOTS = 3;

/**
 * 3 arms (reference 1), 3 blocks with different allocations, subgroups v
 * (a, b; some missing) and `tiny` (5 persons), 2 monthly outcomes over 5
 * months (0/1, and 0, 1, 2.5; censoring and a gap) that depend strongly on
 * the block, so that permuting across blocks would be clearly wrong. Few
 * distinct histories: persons share profiles, cells of every size. With
 * `personLevel`, one person-level outcome (T = 1) of any value instead.
 */
function randomDesign(seed: number, persons: number, personLevel = false): EffectDesign {
  const rng = new RandomStream(seed, 0);
  const months = personLevel ? 1 : 5;
  const outcomes = personLevel ? 1 : 2;
  const arm = new Uint8Array(persons);
  const block = new Int32Array(persons);
  const memberships = new Int32Array(persons * SLOTS).fill(-1);
  const values = new Float64Array(persons * outcomes * months).fill(NaN);
  const allocation = [
    [0.2, 0.6],
    [0.5, 0.8],
    [0.7, 0.85],
  ];
  for (let p = 0; p < persons; p++) {
    const b = rng.nextInt(3);
    block[p] = b;
    const u = rng.nextFloat();
    arm[p] = u < allocation[b][0] ? 1 : u < allocation[b][1] ? 0 : 2;
    memberships[p * SLOTS] = 0;
    memberships[p * SLOTS + 1] = rng.nextInt(10) === 0 ? -1 : 1 + rng.nextInt(2);
    if (p < 5) memberships[p * SLOTS + 2] = 3;
    if (personLevel) {
      values[p] = rng.nextInt(10) === 0 ? NaN : rng.nextInt(3) === 0 ? 0 : 100 * b + rng.nextInt(5);
      continue;
    }
    const end = rng.nextInt(4) === 0 ? 2 + rng.nextInt(3) : months;
    const gap = rng.nextInt(20) === 0 ? 1 : -1;
    for (let o = 0; o < outcomes; o++) {
      // Block 2 mostly in the outcome, block 0 mostly not.
      let state = rng.nextFloat() < 0.1 + 0.4 * b ? 1 : 0;
      for (let t = 0; t < end; t++) {
        if (t === gap) continue;
        if (rng.nextInt(5) === 0) state = 1 - state;
        values[(p * outcomes + o) * months + t] = o === 1 && state === 1 && rng.nextInt(3) === 0 ? 2.5 : state;
      }
    }
  }
  return { persons, arms: 3, reference: 1, arm, block, blocks: 3, covariates: new Float64Array(0), covariateCount: 0, groups: { labels: LABELS, slots: SLOTS, memberships }, outcomes, months, values };
}

/** Labels permuted within blocks (or across them) among the persons of arm `a` and the reference. */
function permuted(design: EffectDesign, a: number, rng: RandomStream, withinBlocks = true): Uint8Array {
  const labels = Uint8Array.from(design.arm);
  const byBlock = new Map<number, number[]>();
  for (let p = 0; p < design.persons; p++) {
    if (design.arm[p] !== a && design.arm[p] !== design.reference) continue;
    const key = withinBlocks ? design.block[p] : 0;
    byBlock.set(key, [...(byBlock.get(key) ?? []), p]);
  }
  for (const members of byBlock.values()) {
    const drawn = members.map((p) => design.arm[p]);
    for (let i = drawn.length - 1; i > 0; i--) {
      const j = rng.nextInt(i + 1);
      [drawn[i], drawn[j]] = [drawn[j], drawn[i]];
    }
    members.forEach((p, i) => (labels[p] = drawn[i]));
  }
  return labels;
}

function cellsOfArm(design: EffectDesign, a: number): Int32Array {
  const cells: number[] = [];
  for (let o = 0; o < design.outcomes; o++) for (let s = 0; s < LABELS.length; s++) for (let t = 0; t < design.months; t++) cells.push(effectCell(design, o, s, a, t));
  return Int32Array.from(cells);
}

describe('createDifferenceProfiles', () => {
  it.each([false, true])('gives each arm’s diff cells from counts per profile as the label-level evaluator does (person-level outcome: %s)', (personLevel) => {
    const design = randomDesign(3, 400, personLevel);
    const rng = new RandomStream(9, 9);
    for (const a of [0, 2]) {
      for (let r = 0; r < 20; r++) {
        const labels = r === 0 ? design.arm : permuted(design, a, rng);
        const expected = new Float64Array(createDifferencePermutations(design).cells);
        createDifferencePermutations(design).evaluate(labels, expected);
        // The grouped evaluator's observed() reads counts per cell under the design's labels.
        const grouped = new Float64Array(expected.length).fill(-1);
        createDifferenceProfiles({ ...design, arm: labels }).forArm(a).observed(grouped);
        for (const c of cellsOfArm(design, a)) {
          if (Number.isNaN(expected[c])) expect(grouped[c], `cell ${c}`).toBeNaN();
          else expect(Math.abs(grouped[c] - expected[c]), `cell ${c}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected[c])));
        }
      }
    }
  });

  it('gives randomizationPValues the p-values of person-level permutations within Monte Carlo error, in every cell; permuting across blocks would fail', () => {
    const design = randomDesign(5, 240);
    const evaluator = createDifferencePermutations(design);
    const statistic = (labels: Uint8Array, out: Float64Array) => evaluator.evaluate(labels, out);
    const observed = new Float64Array(evaluator.cells);
    statistic(design.arm, observed);
    const permutationDesign = { arm: design.arm, block: design.block, blockCount: design.blocks, arms: design.arms, reference: design.reference };
    const R = 4000;
    const cells = (a: number) => cellsOfArm(design, a);
    const profiles = createDifferenceProfiles(design);
    const grouped = randomizationPValues(permutationDesign, observed, statistic, cells, 1, R, (a) => profiles.forArm(a));
    const labels = randomizationPValues(permutationDesign, observed, statistic, cells, 2, R);
    const across = randomizationPValues({ ...permutationDesign, block: new Int32Array(design.persons), blockCount: 1 }, observed, statistic, cells, 3, R);
    expect(grouped.exact).toEqual([false, false, false]);
    expect(grouped.permutations).toEqual([R, 0, R]);

    // Two independent estimates of one p, each with binomial SE sqrt(p(1 − p)/R): the difference has
    // SE sqrt(2 p(1 − p)/R), at most 0.016 here. 4.5 SE in each of the 2 × 2 × 4 × 5 = 80 cells make a
    // false failure anywhere at most 80 · 6.8e-6 = 1 in 1,800 (union bound); 2/R covers (1 + x)/(1 + R)'s offset.
    const tolerance = (p: number) => 4.5 * Math.sqrt((2 * p * (1 - p)) / R) + 2 / R;
    let compared = 0;
    let wrongFails = 0;
    for (const a of [0, 2]) {
      for (const c of cells(a)) {
        if (Number.isNaN(observed[c])) {
          expect(grouped.p[c]).toBeNaN();
          continue;
        }
        const p = labels.p[c];
        expect(Math.abs(grouped.p[c] - p), `arm ${a} cell ${c}`).toBeLessThan(tolerance(p));
        if (Math.abs(across.p[c] - p) > tolerance(p)) wrongFails++;
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(60);
    expect(wrongFails).toBeGreaterThan(compared / 4);
    expect(randomizationPValues(permutationDesign, observed, statistic, cells, 1, R, (a) => profiles.forArm(a)).p).toEqual(grouped.p);
    // The job draws diff's permutations the same way, on the same streams.
    expect(runRandomizationJob({ design, estimator: 'diff', seed: 1, permutations: R }).p).toEqual(grouped.p);
  });
});
