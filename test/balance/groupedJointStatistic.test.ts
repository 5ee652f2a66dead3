import { describe, expect, it } from 'vitest';
import { ExchangeableBlockSampler } from '../../src/balance/exchangeableBlockSampler.js';
import { GroupedJointStatistic } from '../../src/balance/groupedJointStatistic.js';
import { JointStatistic } from '../../src/balance/jointStatistic.js';
import { balanceRandomizationTest, BlockSampler, personsByBlock } from '../../src/balance/randomizationTest.js';
import { RandomStream } from '../../src/random/stream.js';

/**
 * Two blocks of 60, three arms allocated differently per block (30/15/15
 * and 10/25/25), an age-like integer variable 3 higher in block 1, a 0/1
 * variable, a 4-level category as dummies and a few missing values, so that
 * persons share covariate vectors (cells of every size) and a permutation
 * across blocks would move the arm means much more than one within blocks.
 */
function balanceDesign() {
  const rng = new RandomStream(77, 1);
  const persons = 120;
  const arm = new Uint8Array(persons);
  const block = new Int32Array(persons);
  const age = new Float64Array(persons);
  const flag = new Float64Array(persons);
  const category = Array.from({ length: 4 }, () => new Float64Array(persons));
  for (let p = 0; p < persons; p++) {
    const b = p < 60 ? 0 : 1;
    block[p] = b;
    const i = p % 60;
    arm[p] = b === 0 ? (i < 30 ? 0 : i < 45 ? 1 : 2) : i < 10 ? 0 : i < 35 ? 1 : 2;
    age[p] = 30 + 3 * b + rng.nextInt(6);
    flag[p] = rng.nextInt(3) === 0 ? 1 : 0;
    const level = rng.nextInt(4);
    category.forEach((dummy, k) => (dummy[p] = k === level ? 1 : 0));
  }
  for (const p of [3, 64, 100]) age[p] = NaN;
  flag[70] = NaN;
  for (const dummy of category) dummy[11] = NaN;
  const variables = [age, flag, ...category];
  const arms = 3;
  const weights = new Float64Array(variables.length * arms);
  for (let k = 0; k < variables.length; k++) for (const a of [1, 2]) weights[k * arms + a] = 1 / (1 + k);
  return { variables, arms, reference: 0, weights, arm, block, blockCount: 2 };
}

/** The T* of R permutations: person by person with BlockSampler (the labels), or grouped (as balanceRandomizationTest draws them). */
function statistics(design: ReturnType<typeof balanceDesign>, R: number, seed: number, how: 'labels' | 'grouped' | 'across blocks'): Float64Array {
  const statistic = new JointStatistic(design);
  const rng = new RandomStream(seed, 0);
  const out = new Float64Array(R);
  if (how === 'grouped') {
    const grouped = new GroupedJointStatistic(statistic, design.arm, design.block, design.blockCount);
    // As balanceRandomizationTest draws them: counts per covariate vector, added up over blocks.
    const sampler = new ExchangeableBlockSampler(grouped.cells, grouped.cells.group);
    expect(sampler.length).toBe(grouped.length);
    const counts = new Int32Array(sampler.length);
    for (let r = 0; r < R; r++) {
      rng.reseed(seed, r);
      sampler.draw(rng, counts);
      out[r] = grouped.evaluate(counts);
    }
    return out;
  }
  // The wrong null, for the tests' power: every person in one block.
  const block = how === 'labels' ? design.block : new Int32Array(design.arm.length);
  const blockCount = how === 'labels' ? design.blockCount : 1;
  const blocks = personsByBlock(block, blockCount);
  const sampler = new BlockSampler(design.arm, block, blocks, design.arms);
  const labels = new Uint8Array(design.arm.length);
  for (let r = 0; r < R; r++) {
    sampler.draw(rng, seed, r, labels);
    out[r] = statistic.evaluate(labels);
  }
  return out;
}

/** The two-sample Kolmogorov–Smirnov distance sup |F1 − F2| (ties handled by stepping over equal values together). */
function ksDistance(a: Float64Array, b: Float64Array): number {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] === v) i++;
    while (j < y.length && y[j] === v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

describe('GroupedJointStatistic', () => {
  const design = balanceDesign();
  const statistic = new JointStatistic(design);

  it('gives T from counts per (block, covariate vector) as JointStatistic gives it from the labels, missing values included', () => {
    const blocks = personsByBlock(design.block, design.blockCount);
    const sampler = new BlockSampler(design.arm, design.block, blocks, design.arms);
    const labels = new Uint8Array(design.arm.length);
    const rng = new RandomStream(0, 0);
    for (let r = 0; r < 50; r++) {
      sampler.draw(rng, 3, r, labels);
      // Cells depend on blocks and vectors only, so grouping under `labels` makes `observed` their counts.
      const grouped = new GroupedJointStatistic(statistic, labels, design.block, design.blockCount);
      const expected = statistic.evaluate(labels);
      expect(Math.abs(grouped.evaluate(grouped.observed) - expected)).toBeLessThanOrEqual(1e-12 * expected);
    }
    const grouped = new GroupedJointStatistic(statistic, design.arm, design.block, design.blockCount);
    // Persons share vectors: fewer cells than persons, more than the 2 × 4 category-by-block combinations.
    expect(grouped.cells.size.length).toBeLessThan(design.arm.length);
    expect(grouped.cells.size.length).toBeGreaterThan(8);
  });

  it('draws T* with the distribution of within-block label permutations (two-sample Kolmogorov–Smirnov), and one across blocks would fail', () => {
    const R = 4000;
    const labels = statistics(design, R, 11, 'labels');
    const grouped = statistics(design, R, 12, 'grouped');
    const across = statistics(design, R, 13, 'across blocks');
    // Critical distance at the 0.1 % level: 1.95 · sqrt(2 / R) = 0.044 (ties only make the test conservative).
    const critical = 1.95 * Math.sqrt(2 / R);
    expect(ksDistance(labels, grouped)).toBeLessThan(critical);
    expect(ksDistance(labels, across)).toBeGreaterThan(3 * critical);
  });

  it('gives balanceRandomizationTest the p of the person-level permutations, within Monte Carlo error', () => {
    const R = 20000;
    const observed = statistic.evaluate(design.arm);
    const bound = observed - 1e-10 * Math.max(1, observed);
    const pOf = (t: Float64Array) => (1 + t.filter((v) => v >= bound).length) / (1 + R);
    const reference = pOf(statistics(design, R, 21, 'labels'));
    const wrong = pOf(statistics(design, R, 22, 'across blocks'));
    const result = balanceRandomizationTest(design, 23, R);
    expect(result.exact).toBe(false);
    expect(result.statistic).toBe(observed);
    // Two independent estimates of one p, each with binomial SE sqrt(p(1 − p)/R): their difference has
    // SE sqrt(2 p(1 − p)/R) (0.005 at p = 0.5, R = 20,000); 4.5 of them make a false failure about 1 in 150,000.
    const tolerance = 4.5 * Math.sqrt((2 * reference * (1 - reference)) / R) + 2 / R;
    expect(reference).toBeGreaterThan(0.05);
    expect(Math.abs(result.p - reference)).toBeLessThan(tolerance);
    expect(Math.abs(wrong - reference)).toBeGreaterThan(tolerance);
  });
});
