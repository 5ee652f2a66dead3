import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { effectCell, effectCellCount, type EffectDesign, type EstimatorName } from '../../../src/estimate/engine/effectDesign.js';
import { createEffectEvaluator } from '../../../src/estimate/engine/effectEvaluator.js';
import { createRowSetKeys } from '../../../src/estimate/engine/rowSetKeys.js';
import { blockedDifference } from '../../../src/estimate/regression/blockedDifference.js';
import { additiveDesign, linDesign, type CovariateColumn, type DesignInput } from '../../../src/estimate/regression/designMatrix.js';
import { fitOlsHc2 } from '../../../src/estimate/regression/olsHc2.js';
import { ROOT } from '../../sharedPaths.js';
import { fillRandomHistory, random } from './randomDesign.js';

const ESTIMATORS: EstimatorName[] = ['diff', 'blocked', 'ols', 'lin'];

function evaluateOnce(design: EffectDesign, estimator: EstimatorName, arm = design.arm, weight = new Float64Array(design.persons).fill(1)): Float64Array {
  const evaluator = createEffectEvaluator(design, estimator);
  const out = new Float64Array(evaluator.cells);
  evaluator.evaluate(arm, weight, out);
  return out;
}

function expectSameCells(actual: Float64Array, expected: Float64Array, tolerance: number, label: string): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (Number.isNaN(expected[i])) {
      if (!Number.isNaN(actual[i])) throw new Error(`${label}: cell ${i} is ${actual[i]}, expected NaN`);
      continue;
    }
    const error = Math.abs(actual[i] - expected[i]);
    if (!(error <= tolerance * Math.max(1, Math.abs(expected[i])))) {
      throw new Error(`${label}: cell ${i} is ${actual[i]}, expected ${expected[i]} (error ${error})`);
    }
  }
}

/** A design with one outcome, one month and the single subgroup level `all`. */
function crossSection(arm: Uint8Array, arms: number, block: Int32Array, blocks: number, covariates: number[][], y: Float64Array): EffectDesign {
  const persons = arm.length;
  return {
    persons,
    arms,
    reference: 0,
    arm,
    block,
    blocks,
    covariates: Float64Array.from(covariates.flat()),
    covariateCount: covariates[0]?.length ?? 0,
    groups: { labels: ['all'], slots: 1, memberships: new Int32Array(persons) },
    outcomes: 1,
    months: 1,
    values: y,
  };
}

// ---------------------------------------------------------------------------
// 1. R's estimatr goldens (test/golden-r/make-estimator-goldens.R)

const GOLDEN = join(ROOT, 'test', 'golden-r');
const golden = new Map(
  readFileSync(join(GOLDEN, 'estimators.csv'), 'utf8').trim().split('\n').slice(1).map((line) => {
    const [name, estimate] = line.split(',');
    return [name, Number(estimate)];
  }),
);
function readCsv(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(join(GOLDEN, file), 'utf8').trim().split('\n');
  const names = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
}

describe('against estimatr, weight 1', () => {
  it('the blocked three-arm trial: diff, blocked, ols and lin', () => {
    const rows = readCsv('blocked-trial.csv');
    const ARMS = ['FS', 'SE', 'CM'];
    const BLOCKS = ['A', 'B', 'C', 'D'];
    const design = crossSection(
      Uint8Array.from(rows, (r) => ARMS.indexOf(r.arm)),
      3,
      Int32Array.from(rows, (r) => BLOCKS.indexOf(r.block)),
      4,
      rows.map((r) => [Number(r.x), r.group === 'b' ? 1 : 0, r.group === 'c' ? 1 : 0]),
      Float64Array.from(rows, (r) => Number(r.y)),
    );
    for (const estimator of ESTIMATORS) {
      const out = evaluateOnce(design, estimator);
      expect(out).toHaveLength(3);
      expect(out[0]).toBeNaN();
      expect(out[effectCell(design, 0, 0, 1, 0)]).toBeCloseTo(golden.get(`${estimator}_SE`)!, 11);
      expect(out[effectCell(design, 0, 0, 2, 0)]).toBeCloseTo(golden.get(`${estimator}_CM`)!, 11);
    }
  });

  it('the NSW experimental sample (person-level earnings): diff, ols and lin with 8 covariates', () => {
    const rows = readCsv('lalonde.csv');
    const names = ['age', 'educ', 'black', 'hisp', 'married', 'nodegr', 're74', 're75'];
    const design = crossSection(
      Uint8Array.from(rows, (r) => Number(r.treat)),
      2,
      new Int32Array(rows.length),
      1,
      rows.map((r) => names.map((name) => Number(r[name]))),
      Float64Array.from(rows, (r) => Number(r.re78)),
    );
    for (const estimator of ['diff', 'ols', 'lin'] as const) {
      const estimate = evaluateOnce(design, estimator)[1];
      expect(Math.abs(estimate - golden.get(`lalonde_${estimator}`)!)).toBeLessThan(1e-8);
    }
    expect(evaluateOnce(design, 'ols')[1]).toBeCloseTo(1676.34, 2);
  });
});

// ---------------------------------------------------------------------------
// A random panel design and an independent brute-force evaluation.

const LABELS = ['all', 'v1=a', 'v1=b', 'v1=c', 'v2=x', 'v2=y'];
const SLOTS = 3;

/**
 * 3 arms (reference 1), 4 blocks, subgroups v1 (a, b; c never occurs; some
 * missing) and v2 (x, y; some missing), 2 monthly outcomes (0/1, and one
 * with values 0, 1, 2.5 so runs change value), 6 months with censoring from
 * some month on and a few gaps, covariates age and a 3-level category as 2
 * dummies. With `sparseArm`, arm 2 keeps only a few persons in block 3, all
 * in v1=a, so the row sets of v1=b have block 3 without arm 2 (lin's rule 1).
 */
function randomPanel(persons: number, seed: number, sparseArm = false): EffectDesign {
  const next = random(seed);
  const months = 6;
  const outcomes = 2;
  const arm = new Uint8Array(persons);
  const block = new Int32Array(persons);
  const covariates = new Float64Array(persons * 3);
  const memberships = new Int32Array(persons * SLOTS);
  const values = new Float64Array(persons * outcomes * months).fill(NaN);
  for (let p = 0; p < persons; p++) {
    const u = next();
    arm[p] = u < 0.4 ? 1 : u < 0.7 ? 0 : 2;
    block[p] = Math.floor(next() * 4);
    if (sparseArm && arm[p] === 2 && block[p] === 3 && next() < 0.97) arm[p] = 0;
    covariates[p * 3] = 20 + 40 * next();
    const category = Math.floor(next() * 3);
    covariates[p * 3 + 1] = category === 1 ? 1 : 0;
    covariates[p * 3 + 2] = category === 2 ? 1 : 0;
    memberships[p * SLOTS] = 0;
    memberships[p * SLOTS + 1] = next() < 0.08 ? -1 : next() < 0.55 ? 1 : 2;
    memberships[p * SLOTS + 2] = next() < 0.05 ? -1 : next() < 0.5 ? 4 : 5;
    if (sparseArm && arm[p] === 2 && block[p] === 3) memberships[p * SLOTS + 1] = 1;
    fillRandomHistory(next, values, p, outcomes, months, { lastMonthSpan: 4 });
  }
  return {
    persons,
    arms: 3,
    reference: 1,
    arm,
    block,
    blocks: 4,
    covariates,
    covariateCount: 3,
    groups: { labels: LABELS, slots: SLOTS, memberships },
    outcomes,
    months,
    values,
  };
}

/** The estimates of one row set's persons, from the regression building blocks. */
function bruteForceRowSet(design: EffectDesign, estimator: EstimatorName, persons: number[], o: number, t: number): Float64Array {
  const { arms, reference } = design;
  const result = new Float64Array(arms).fill(NaN);
  const y = (p: number) => design.values[(p * design.outcomes + o) * design.months + t];
  const present = Array.from({ length: arms }, (_, g) => persons.some((p) => design.arm[p] === g));
  if (!present[reference]) return result;
  // The reference first, the other arms in order: the arm factor of the R calls.
  const mapped = (g: number) => (g === reference ? 0 : g < reference ? g + 1 : g);
  const relabel = (values: number[]) => {
    const levels = [...new Set(values)].sort((a, b) => a - b);
    return { codes: Int32Array.from(values, (v) => levels.indexOf(v)), levels: levels.length };
  };

  if (estimator === 'diff' || estimator === 'blocked') {
    for (let a = 0; a < arms; a++) {
      if (a === reference || !present[a]) continue;
      const two = persons.filter((p) => design.arm[p] === a || design.arm[p] === reference);
      const blocks = estimator === 'blocked' ? relabel(two.map((p) => design.block[p])) : { codes: new Int32Array(two.length), levels: 1 };
      const treated = Uint8Array.from(two, (p) => (design.arm[p] === a ? 1 : 0));
      const contrasted = Array.from({ length: blocks.levels }, (_, k) =>
        [0, 1].every((side) => two.some((p, i) => blocks.codes[i] === k && treated[i] === side)),
      );
      if (!contrasted.some(Boolean)) continue;
      result[a] = blockedDifference(Float64Array.from(two, y), treated, blocks.codes, blocks.levels).estimate;
    }
    return result;
  }

  let rows = persons;
  if (estimator === 'lin') {
    // Rule 1: leave out blocks in which some arm of the row set has nobody.
    rows = persons.filter((p) => present.every((there, g) => !there || persons.some((q) => design.block[q] === design.block[p] && design.arm[q] === g)));
    if (rows.length === 0) return result;
  }
  const blocks = relabel(rows.map((p) => design.block[p]));
  const c = design.covariateCount;
  const covariates: CovariateColumn[] = Array.from({ length: c }, (_, j) => ({
    kind: 'numeric',
    values: Float64Array.from(rows, (p) => design.covariates[p * c + j]),
  }));
  const input: DesignInput = {
    persons: rows.length,
    arm: Uint8Array.from(rows, (p) => mapped(design.arm[p])),
    arms,
    block: blocks.codes,
    blocks: blocks.levels,
    covariates,
  };
  const built = estimator === 'ols' ? additiveDesign(input) : linDesign(input);
  const fit = fitOlsHc2(built.x, Float64Array.from(rows, y), rows.length, built.columns);
  if (fit === null) throw new Error('the random design should be full rank in every row set');
  for (let a = 0; a < arms; a++) if (a !== reference) result[a] = fit.coefficients[built.armColumns[mapped(a) - 1]];
  return result;
}

function bruteForce(design: EffectDesign, estimator: EstimatorName): Float64Array {
  const out = new Float64Array(effectCellCount(design)).fill(NaN);
  const { slots, memberships } = design.groups;
  for (let s = 0; s < design.groups.labels.length; s++) {
    for (let t = 0; t < design.months; t++) {
      const persons: number[] = [];
      for (let p = 0; p < design.persons; p++) {
        let member = false;
        for (let k = 0; k < slots; k++) if (memberships[p * slots + k] === s) member = true;
        if (member && !Number.isNaN(design.values[p * design.outcomes * design.months + t])) persons.push(p);
      }
      for (let o = 0; o < design.outcomes; o++) {
        const estimates = bruteForceRowSet(design, estimator, persons, o, t);
        for (let a = 0; a < design.arms; a++) out[effectCell(design, o, s, a, t)] = estimates[a];
      }
    }
  }
  return out;
}

describe('against a brute-force fit of every row set', () => {
  const design = randomPanel(1200, 20240611);
  const sparse = randomPanel(1200, 99, true);
  // Few persons: the statistics are kept per subgroup level rather than per combination of levels.
  const small = randomPanel(200, 3);

  it('the random panel has what the comparison needs: censoring, gaps, missing and empty levels', () => {
    const observedLast = Array.from({ length: design.persons }, (_, p) => !Number.isNaN(design.values[(p * 2 + 1) * 6 - 1]));
    expect(observedLast.filter((x) => !x).length).toBeGreaterThan(200);
    expect(Array.from(design.groups.memberships).filter((s) => s === -1).length).toBeGreaterThan(50);
    expect(Array.from(design.groups.memberships).includes(3)).toBe(false);
  });

  for (const estimator of ESTIMATORS) {
    it(`${estimator}: every cell to 1e-9`, () => {
      const expected = bruteForce(design, estimator);
      const actual = evaluateOnce(design, estimator);
      // The empty level v1=c and the reference arm are NaN; everything else is estimable.
      const nan = Array.from(expected).filter(Number.isNaN).length;
      expect(nan).toBe(2 * 6 * 6 + 2 * 6 * 2);
      expectSameCells(actual, expected, 1e-9, estimator);
      expectSameCells(evaluateOnce(sparse, estimator), bruteForce(sparse, estimator), 1e-9, `${estimator}, sparse arm`);
      expectSameCells(evaluateOnce(small, estimator), bruteForce(small, estimator), 1e-9, `${estimator}, 200 persons`);
    });
  }

  it('four arms (ols solves two arms at a time, then the third alone), with and without covariates: every cell to 1e-9', () => {
    const four = { ...design, arms: 4, arm: design.arm.map((g, p) => (g === 0 && p % 2 === 0 ? 3 : g)) };
    const bare = { ...four, covariates: new Float64Array(0), covariateCount: 0 };
    for (const estimator of ESTIMATORS) {
      expectSameCells(evaluateOnce(four, estimator), bruteForce(four, estimator), 1e-9, `${estimator}, four arms`);
      expectSameCells(evaluateOnce(bare, estimator), bruteForce(bare, estimator), 1e-9, `${estimator}, four arms, no covariates`);
    }
  });

  it('the sparse-arm panel has row sets where block 3 lacks arm 2', () => {
    const lacking = [1, 2, 4, 5].flatMap((s) => [0, 1, 2, 3, 4, 5].map((t) => ({ s, t }))).filter(({ s, t }) => {
      const inRowSet = (p: number) => sparse.groups.memberships.subarray(p * SLOTS, (p + 1) * SLOTS).includes(s) && !Number.isNaN(sparse.values[p * 2 * 6 + t]);
      return !Array.from(sparse.arm).some((g, p) => g === 2 && sparse.block[p] === 3 && inRowSet(p));
    });
    expect(lacking.length).toBeGreaterThan(0);
  });
});

describe('row set keys', () => {
  it('reach exactly each person\'s subgroup levels, per combination or per level', () => {
    const design = randomPanel(300, 17);
    const { slots, memberships } = design.groups;
    for (const statistics of [1, 100_000]) {
      const keys = createRowSetKeys(design.groups, design.persons, { personWork: () => 10, statistics, months: 6 });
      expect(keys.direct).toBe(statistics > 1);
      for (let p = 0; p < design.persons; p++) {
        const reached: number[] = [];
        for (let j = keys.personStart[p]; j < keys.personStart[p + 1]; j++) {
          const u = keys.personKey[j];
          for (let l = keys.levelStart[u]; l < keys.levelStart[u + 1]; l++) reached.push(keys.level[l]);
        }
        const own = [...new Set(Array.from(memberships.subarray(p * slots, (p + 1) * slots)).filter((s) => s >= 0))];
        expect(reached.sort()).toEqual(own.sort());
      }
    }
  });
});

// ---------------------------------------------------------------------------
// 3. Integer weights act as duplicated rows.

function duplicated(design: EffectDesign, arm: Uint8Array, weight: Float64Array): { design: EffectDesign; arm: Uint8Array } {
  const index: number[] = [];
  for (let p = 0; p < design.persons; p++) for (let r = 0; r < weight[p]; r++) index.push(p);
  const { outcomes, months, covariateCount: c } = design;
  const { slots } = design.groups;
  const pick = <T extends Float64Array | Int32Array | Uint8Array>(source: T, width: number, make: (n: number) => T): T => {
    const target = make(index.length * width);
    index.forEach((p, i) => target.set(source.subarray(p * width, (p + 1) * width), i * width));
    return target;
  };
  return {
    design: {
      ...design,
      persons: index.length,
      arm: pick(design.arm, 1, (n) => new Uint8Array(n)),
      block: pick(design.block, 1, (n) => new Int32Array(n)),
      covariates: pick(design.covariates, c, (n) => new Float64Array(n)),
      groups: { ...design.groups, memberships: pick(design.groups.memberships, slots, (n) => new Int32Array(n)) },
      values: pick(design.values, outcomes * months, (n) => new Float64Array(n)),
    },
    arm: pick(arm, 1, (n) => new Uint8Array(n)),
  };
}

describe('integer weights equal the explicitly duplicated dataset', () => {
  for (const [persons, seed] of [
    [1200, 7],
    [90, 11],
  ] as const) {
    const design = randomPanel(persons, seed);
    const next = random(seed + 1);
    const weight = Float64Array.from({ length: persons }, () => Math.floor(next() * 4));
    // Permuted labels, as randomization inference passes them.
    const arm = design.arm.slice();
    for (let i = persons - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [arm[i], arm[j]] = [arm[j], arm[i]];
    }
    const copy = duplicated(design, arm, weight);
    for (const estimator of ESTIMATORS) {
      it(`${estimator}, ${persons} persons`, () => {
        const evaluator = createEffectEvaluator(design, estimator);
        const weighted = new Float64Array(evaluator.cells);
        evaluator.evaluate(arm, weight, weighted);
        const expected = evaluateOnce(copy.design, estimator, copy.arm);
        expectSameCells(weighted, expected, 1e-9, estimator);
        expect(Array.from(expected).filter((x) => !Number.isNaN(x)).length).toBeGreaterThan(expected.length / 3);
        // The evaluator keeps no state between calls.
        evaluator.evaluate(design.arm, new Float64Array(persons).fill(1), new Float64Array(evaluator.cells));
        const again = new Float64Array(evaluator.cells);
        evaluator.evaluate(arm, weight, again);
        expectSameCells(again, weighted, 0, `${estimator} again`);
      });
    }
  }
});

// ---------------------------------------------------------------------------
// 4. lin's documented rules where lm_lin would alias columns, by hand.

describe('lin where columns would be aliased', () => {
  it('rule 1: a block without one of the arms is left out with all its persons', () => {
    // Block 0: reference y = x (x = 0, 2), arm 1 y = 3 + 2x (x = 1, 3).
    // Block 1 has only reference persons, far from the rest: left out.
    // Overall mean x over block 0 = 1.5, so 3 + 2 · 1.5 − 1.5 = 4.5.
    const design = crossSection(
      Uint8Array.from([0, 0, 1, 1, 0, 0]),
      2,
      Int32Array.from([0, 0, 0, 0, 1, 1]),
      2,
      [[0], [2], [1], [3], [100], [110]],
      Float64Array.from([0, 2, 5, 9, 50, 70]),
    );
    expect(evaluateOnce(design, 'lin')[1]).toBeCloseTo(4.5, 12);
    // Weight 0 on block 1's arm-1 person leaves block 1 out the same way.
    const weighted = crossSection(
      Uint8Array.from([0, 0, 1, 1, 0, 1]),
      2,
      Int32Array.from([0, 0, 0, 0, 1, 1]),
      2,
      [[0], [2], [1], [3], [100], [110]],
      Float64Array.from([0, 2, 5, 9, 50, 70]),
    );
    expect(evaluateOnce(weighted, 'lin', weighted.arm, Float64Array.from([1, 1, 1, 1, 1, 0]))[1]).toBeCloseTo(4.5, 12);
  });

  it('rule 1: an arm with nobody in the row set does not empty the blocks', () => {
    // Arm 2 has weight 0 everywhere: the same as the two-arm design above without block 1.
    const design = crossSection(
      Uint8Array.from([0, 0, 1, 1, 2]),
      3,
      new Int32Array(5),
      1,
      [[0], [2], [1], [3], [7]],
      Float64Array.from([0, 2, 5, 9, 1]),
    );
    const out = evaluateOnce(design, 'lin', design.arm, Float64Array.from([1, 1, 1, 1, 0]));
    expect(out[1]).toBeCloseTo(4.5, 12);
    expect(out[2]).toBeNaN();
  });

  it('rule 2: a dummy nobody of an arm has gets slope 0 in that arm only', () => {
    // Reference: y = x + 3d exactly; arm 1 (d = 0 throughout): y = 3 + 2x.
    // Overall means x̄ = 10/7, d̄ = 2/7: reference 10/7 + 6/7 = 16/7, arm 1 3 + 20/7 = 41/7.
    const design = crossSection(
      Uint8Array.from([0, 0, 0, 0, 1, 1, 1]),
      2,
      new Int32Array(7),
      1,
      [[0, 0], [2, 0], [0, 1], [2, 1], [1, 0], [3, 0], [2, 0]],
      Float64Array.from([0, 2, 3, 5, 5, 9, 7]),
    );
    expect(evaluateOnce(design, 'lin')[1]).toBeCloseTo(25 / 7, 12);
  });

  it('a row set without the reference, or with nobody left, is NaN', () => {
    const design = crossSection(Uint8Array.from([0, 1, 1]), 2, new Int32Array(3), 1, [[1], [2], [3]], Float64Array.from([0, 1, 1]));
    for (const estimator of ESTIMATORS) {
      expect(evaluateOnce(design, estimator, design.arm, Float64Array.from([0, 1, 1]))[1]).toBeNaN();
    }
  });
});

describe('without covariates', () => {
  it('ols without blocks is diff, and lin with blocks and two arms is blocked', () => {
    const design = randomPanel(300, 5);
    const twoArms = { ...design, arms: 2, reference: 0, arm: design.arm.map((g) => (g === 2 ? 1 : g)), covariates: new Float64Array(0), covariateCount: 0 };
    const unblocked = { ...twoArms, block: new Int32Array(300), blocks: 1 };
    expectSameCells(evaluateOnce(unblocked, 'ols'), evaluateOnce(unblocked, 'diff'), 1e-10, 'ols = diff');
    expectSameCells(evaluateOnce(twoArms, 'lin'), evaluateOnce(twoArms, 'blocked'), 1e-10, 'lin = blocked');
    expect(evaluateOnce(twoArms, 'lin')).not.toEqual(evaluateOnce(twoArms, 'diff'));
  });
});

describe('ols where columns would be aliased', () => {
  it('drops an aliased covariate as lm does, and gives NaN for an arm that never shares a block', () => {
    // x2 = 2 · x1: dropped, the fit is y ~ arm + x1.
    const y = Float64Array.from([1, 2, 4, 3, 6, 8]);
    const x1 = [0, 1, 2, 0, 1, 3];
    const aliased = crossSection(Uint8Array.from([0, 0, 0, 1, 1, 1]), 2, new Int32Array(6), 1, x1.map((x) => [x, 2 * x]), y);
    const plain = crossSection(Uint8Array.from([0, 0, 0, 1, 1, 1]), 2, new Int32Array(6), 1, x1.map((x) => [x]), y);
    const input: DesignInput = { persons: 6, arm: plain.arm, arms: 2, block: null, blocks: 0, covariates: [{ kind: 'numeric', values: Float64Array.from(x1) }] };
    const built = additiveDesign(input);
    const expected = fitOlsHc2(built.x, y, 6, built.columns)!.coefficients[1];
    expect(evaluateOnce(aliased, 'ols')[1]).toBeCloseTo(expected, 12);
    expect(evaluateOnce(plain, 'ols')[1]).toBeCloseTo(expected, 12);

    // Arm 2 only in block 1, where nobody else is: no within-block contrast.
    const confined = crossSection(Uint8Array.from([0, 1, 0, 1, 2, 2]), 3, Int32Array.from([0, 0, 0, 0, 1, 1]), 2, x1.map((x) => [x]), y);
    const out = evaluateOnce(confined, 'ols');
    expect(out[2]).toBeNaN();
    expect(Number.isFinite(out[1])).toBe(true);
  });
});
