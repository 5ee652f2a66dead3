import { describe, expect, it } from 'vitest';
import { effectCell, type EffectDesign } from '../../../src/estimate/engine/effectDesign.js';
import { createEffectEvaluator } from '../../../src/estimate/engine/effectEvaluator.js';
import { createPermutationEvaluator } from '../../../src/estimate/engine/permutationEvaluator.js';
import { fillRandomHistory, random } from './randomDesign.js';

const LABELS = ['all', 'v1=a', 'v1=b', 'v1=c', 'v2=x', 'v2=y', 'tiny'];
const SLOTS = 4;
const TINY = 6;

interface PanelOptions {
  persons: number;
  blocks: number;
  seed: number;
  /** Arm 2 never in v1=b, so its cells there are NaN until a permutation moves its label in. */
  sparseArm?: boolean;
  /**
   * Aliased covariates: a copy of age, a column constant within blocks, and
   * a flag that equals arm 0's dummy among the tiny level's persons, so that
   * in that level's row sets the observed labels alias the flag (dropped
   * after the arm) and most permutations do not.
   */
  aliased?: boolean;
  /** A copy of age with noise of relative variance ~1e-9, right at the aliasing tolerance. */
  nearlyAliased?: boolean;
  covariates?: boolean;
  /** One person-level outcome (T = 1) with any values, as estimate.ts's person outcomes. */
  personLevel?: boolean;
  /** Nobody censored: every month of a level holds the persons of its first, whose arm side the evaluator reuses. */
  uncensored?: boolean;
  /** Monthly outcomes (default 2), so that the outcome loops' groups of three and what is left over all run. */
  outcomes?: number;
  /** Each person's outcomes the same in every month, of any value, so that every month's estimates are month 0's. */
  constantOutcomes?: boolean;
}

/**
 * 3 arms (reference 1), subgroups v1 (a, b; c never occurs; some missing),
 * v2 (x, y; some missing) and `tiny` (6 persons in one block, most row sets
 * with too few persons for every column), 2 monthly outcomes (0/1, and 0, 1,
 * 2.5) over 7 months with censoring and gaps, covariates age, a 3-level
 * category as 2 dummies and earnings that are mostly 0.
 */
function randomPanel(options: PanelOptions): EffectDesign {
  const { persons, blocks, seed } = options;
  const next = random(seed);
  const months = options.personLevel ? 1 : 7;
  const outcomes = options.personLevel ? 1 : (options.outcomes ?? 2);
  const withCovariates = options.covariates !== false;
  const columns = withCovariates ? 4 + (options.aliased ? 3 : 0) + (options.nearlyAliased ? 1 : 0) : 0;
  const arm = new Uint8Array(persons);
  const block = new Int32Array(persons);
  const covariates = new Float64Array(persons * columns);
  const memberships = new Int32Array(persons * SLOTS).fill(-1);
  const values = new Float64Array(persons * outcomes * months).fill(NaN);
  const blockLevel = Array.from({ length: Math.max(1, blocks) }, () => Math.round(next() * 10));
  for (let p = 0; p < persons; p++) {
    const u = next();
    arm[p] = u < 0.4 ? 1 : u < 0.7 ? 0 : 2;
    block[p] = blocks > 0 ? Math.floor(next() * blocks) : 0;
    memberships[p * SLOTS] = 0;
    memberships[p * SLOTS + 1] = next() < 0.08 ? -1 : next() < 0.55 ? 1 : 2;
    if (options.sparseArm && arm[p] === 2 && memberships[p * SLOTS + 1] === 2) memberships[p * SLOTS + 1] = 1;
    memberships[p * SLOTS + 2] = next() < 0.05 ? -1 : next() < 0.5 ? 4 : 5;
    if (p < TINY) {
      memberships[p * SLOTS + 3] = 6;
      block[p] = 0;
      arm[p] = p % 3;
    }
    if (withCovariates) {
      const row = p * columns;
      covariates[row] = 20 + 40 * next();
      const category = Math.floor(next() * 3);
      covariates[row + 1] = category === 1 ? 1 : 0;
      covariates[row + 2] = category === 2 ? 1 : 0;
      covariates[row + 3] = next() < 0.7 ? 0 : Math.round(100000 * next());
      if (options.aliased) {
        covariates[row + 4] = covariates[row];
        covariates[row + 5] = blockLevel[block[p]];
        covariates[row + 6] = p < TINY ? (arm[p] === 0 ? 1 : 0) : next() < 0.3 ? 1 : 0;
      }
      if (options.nearlyAliased) covariates[row + columns - 1] = covariates[row] + 1e-3 * (next() - 0.5);
    }
    if (options.personLevel) {
      values[p] = next() < 0.1 ? NaN : next() < 0.4 ? 0 : 1000 * next();
      continue;
    }
    if (options.constantOutcomes) {
      for (let o = 0; o < outcomes; o++) values.fill(next() < 0.5 ? 0 : 1000 * next(), (p * outcomes + o) * months, (p * outcomes + o + 1) * months);
      continue;
    }
    fillRandomHistory(next, values, p, outcomes, months, { lastMonthSpan: 5, full: p < TINY || options.uncensored === true });
  }
  return {
    persons,
    arms: 3,
    reference: 1,
    arm,
    block,
    blocks,
    covariates,
    covariateCount: columns,
    groups: { labels: LABELS, slots: SLOTS, memberships },
    outcomes,
    months,
    values,
  };
}

/** Labels permuted within blocks among the persons of arm `a` and the reference; everyone else keeps theirs. */
function permuteWithinBlocks(design: EffectDesign, a: number, next: () => number, labels: Uint8Array): void {
  labels.set(design.arm);
  const byBlock = new Map<number, number[]>();
  for (let p = 0; p < design.persons; p++) {
    if (design.arm[p] !== a && design.arm[p] !== design.reference) continue;
    const members = byBlock.get(design.block[p]) ?? [];
    members.push(p);
    byBlock.set(design.block[p], members);
  }
  for (const members of byBlock.values()) {
    const drawn = members.map((p) => design.arm[p]);
    for (let i = drawn.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [drawn[i], drawn[j]] = [drawn[j], drawn[i]];
    }
    members.forEach((p, i) => (labels[p] = drawn[i]));
  }
}

function expectSameCells(actual: Float64Array, expected: Float64Array, label: string): void {
  for (let i = 0; i < expected.length; i++) {
    if (Number.isNaN(expected[i]) || Number.isNaN(actual[i])) {
      if (Number.isNaN(expected[i]) !== Number.isNaN(actual[i])) throw new Error(`${label}: cell ${i} is ${actual[i]}, expected ${expected[i]}`);
      continue;
    }
    const error = Math.abs(actual[i] - expected[i]);
    if (!(error <= 1e-9 * Math.max(1, Math.abs(expected[i])))) throw new Error(`${label}: cell ${i} is ${actual[i]}, expected ${expected[i]} (error ${error})`);
  }
}

/**
 * Runs `count` within-block permutations per non-reference arm (and as many
 * arbitrary labellings) through both evaluators; returns how many finite and
 * NaN cells were compared.
 */
function compareOnPermutations(design: EffectDesign, count: number, seed: number, estimator: 'ols' | 'diff' = 'ols'): { finite: number; nan: number } {
  const general = createEffectEvaluator(design, estimator);
  const fast = createPermutationEvaluator(design, estimator);
  expect(fast).not.toBeNull();
  expect(fast!.cells).toBe(general.cells);
  const ones = new Float64Array(design.persons).fill(1);
  const expected = new Float64Array(general.cells);
  const actual = new Float64Array(general.cells);
  const labels = new Uint8Array(design.persons);
  const next = random(seed);
  const tally = { finite: 0, nan: 0 };
  const check = (label: string) => {
    general.evaluate(labels, ones, expected);
    actual.fill(12345);
    fast!.evaluate(labels, actual);
    expectSameCells(actual, expected, label);
    for (const v of expected) Number.isNaN(v) ? tally.nan++ : tally.finite++;
  };
  labels.set(design.arm);
  check('observed labels');
  for (let a = 0; a < design.arms; a++) {
    if (a === design.reference) continue;
    for (let r = 0; r < count; r++) {
      permuteWithinBlocks(design, a, next, labels);
      check(`arm ${a}, permutation ${r}`);
    }
  }
  // Nothing in the fast path assumes a permutation: any labels with weight 1 give the same.
  for (let r = 0; r < count; r++) {
    for (let p = 0; p < design.persons; p++) labels[p] = Math.floor(next() * design.arms);
    check(`arbitrary labels ${r}`);
  }
  labels.set(design.arm);
  check('observed labels again');
  return tally;
}

describe('createPermutationEvaluator', () => {
  it('has a fast path for ols and diff only', () => {
    const design = randomPanel({ persons: 60, blocks: 3, seed: 1 });
    for (const estimator of ['blocked', 'lin'] as const) expect(createPermutationEvaluator(design, estimator)).toBeNull();
    expect(createPermutationEvaluator(design, 'ols')).not.toBeNull();
    expect(createPermutationEvaluator(design, 'diff')).not.toBeNull();
  });

  it('diff: equals the general evaluator with weight 1 on permutations and arbitrary labels (censoring, missing levels, an absent arm)', () => {
    for (const seed of [2, 3]) {
      const tally = compareOnPermutations(randomPanel({ persons: 300, blocks: 4, seed }), 15, seed, 'diff');
      expect(tally.finite).toBeGreaterThan(1000);
      expect(tally.nan).toBeGreaterThan(0);
    }
  });

  it('equals the general ols evaluator with weight 1 on within-block permutations of a panel', () => {
    for (const seed of [11, 12, 13]) {
      const design = randomPanel({ persons: 400, blocks: 5, seed });
      const { finite, nan } = compareOnPermutations(design, 25, seed + 100);
      expect(finite).toBeGreaterThan(0);
      expect(nan).toBeGreaterThan(0);
    }
  });

  it('equals the general ols evaluator where months hold the same persons (uncensored), and where only some do', () => {
    for (const seed of [14, 15]) {
      for (const uncensored of [true, false]) {
        const design = randomPanel({ persons: 300, blocks: 4, seed, uncensored });
        const { finite } = compareOnPermutations(design, 20, seed + 200);
        expect(finite).toBeGreaterThan(0);
      }
    }
  });

  it('equals the general ols evaluator with 4 and 5 outcomes', () => {
    for (const outcomes of [4, 5]) {
      for (const uncensored of [true, false]) {
        const { finite } = compareOnPermutations(randomPanel({ persons: 300, blocks: 4, seed: 16 + outcomes, uncensored, outcomes }), 15, 300 + outcomes);
        expect(finite).toBeGreaterThan(0);
      }
    }
  });

  it('gives a month with the same persons and outcome sums as the last the same estimates to the last bit', () => {
    // Only the outcomes are solved again there (and the person sums carried over): by the same operations, so the same bits.
    const design = randomPanel({ persons: 300, blocks: 4, seed: 17, uncensored: true, constantOutcomes: true, outcomes: 4 });
    const fast = createPermutationEvaluator(design, 'ols')!;
    const out = new Float64Array(fast.cells);
    const labels = new Uint8Array(design.persons);
    const next = random(18);
    let compared = 0;
    for (let r = 0; r < 10; r++) {
      permuteWithinBlocks(design, r % 2 === 0 ? 0 : 2, next, labels);
      fast.evaluate(labels, out);
      for (let o = 0; o < design.outcomes; o++) {
        for (let s = 0; s < LABELS.length; s++) {
          for (let a = 0; a < design.arms; a++) {
            const first = out[effectCell(design, o, s, a, 0)];
            for (let t = 1; t < design.months; t++) expect(Object.is(out[effectCell(design, o, s, a, t)], first)).toBe(true);
            if (!Number.isNaN(first)) compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('keeps the NaN of an arm absent from a subgroup, and estimates it once a permutation brings the arm in', () => {
    const design = randomPanel({ persons: 300, blocks: 4, seed: 21, sparseArm: true });
    const general = createEffectEvaluator(design, 'ols');
    const out = new Float64Array(general.cells);
    general.evaluate(design.arm, new Float64Array(design.persons).fill(1), out);
    const levelB = LABELS.indexOf('v1=b');
    expect(out[effectCell(design, 0, levelB, 2, 0)]).toBeNaN();
    expect(out[effectCell(design, 0, levelB, 0, 0)]).not.toBeNaN();
    compareOnPermutations(design, 25, 22);
  });

  it('drops aliased covariates as the general solver does, after the arms', () => {
    const design = randomPanel({ persons: 300, blocks: 4, seed: 31, aliased: true });
    compareOnPermutations(design, 25, 32);
    // In the tiny level the flag equals arm 0's dummy: the general solver keeps the arm.
    const general = createEffectEvaluator(design, 'ols');
    const out = new Float64Array(general.cells);
    general.evaluate(design.arm, new Float64Array(design.persons).fill(1), out);
    const fast = createPermutationEvaluator(design, 'ols')!;
    const fastOut = new Float64Array(fast.cells);
    fast.evaluate(design.arm, fastOut);
    const tiny = LABELS.indexOf('tiny');
    const cell = effectCell(design, 0, tiny, 0, 0);
    expect(out[cell]).not.toBeNaN();
    expect(fastOut[cell]).toBeCloseTo(out[cell], 9);
  });

  it('solves in full where a covariate is too close to the tolerance to trust the covariates-first shortcut', () => {
    compareOnPermutations(randomPanel({ persons: 300, blocks: 4, seed: 35, nearlyAliased: true }), 25, 36);
    // Uncensored: every month after the first solved in full from its previous month's person parts, aliased columns among them.
    compareOnPermutations(randomPanel({ persons: 300, blocks: 4, seed: 37, aliased: true, nearlyAliased: true, uncensored: true }), 15, 38);
  });

  it('handles no blocks, no covariates, and a person-level outcome', () => {
    compareOnPermutations(randomPanel({ persons: 250, blocks: 0, seed: 41 }), 15, 42);
    compareOnPermutations(randomPanel({ persons: 250, blocks: 4, seed: 43, covariates: false }), 15, 44);
    compareOnPermutations(randomPanel({ persons: 250, blocks: 3, seed: 45, personLevel: true, aliased: true }), 15, 46);
  });

  it('rejects labels outside the arms and a short output', () => {
    const design = randomPanel({ persons: 50, blocks: 2, seed: 51 });
    const fast = createPermutationEvaluator(design, 'ols')!;
    const labels = design.arm.slice();
    labels[TINY + 1] = 3;
    expect(() => fast.evaluate(labels, new Float64Array(fast.cells))).toThrow(RangeError);
    expect(() => fast.evaluate(design.arm, new Float64Array(fast.cells - 1))).toThrow(RangeError);
  });

  it('recovers from labels rejected part-way through', () => {
    // The persons before the bad label have been moved when it throws; the next labels must not see them.
    const design = randomPanel({ persons: 200, blocks: 3, seed: 53 });
    const fast = createPermutationEvaluator(design, 'ols')!;
    const general = createEffectEvaluator(design, 'ols');
    const labels = design.arm.slice();
    for (let p = 0; p < design.persons; p++) labels[p] = (design.arm[p] + 1) % design.arms;
    labels[design.persons - 1] = 3;
    expect(() => fast.evaluate(labels, new Float64Array(fast.cells))).toThrow(RangeError);
    const next = random(54);
    const expected = new Float64Array(general.cells);
    const actual = new Float64Array(fast.cells);
    for (const a of [0, 2]) {
      permuteWithinBlocks(design, a, next, labels);
      general.evaluate(labels, new Float64Array(design.persons).fill(1), expected);
      fast.evaluate(labels, actual);
      expectSameCells(actual, expected, `after the rejected labels, arm ${a}`);
    }
  });
});
