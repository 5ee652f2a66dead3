import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { effectCell, type EffectDesign, type EstimatorName } from '../../../src/estimate/engine/effectDesign.js';
import { effectJackknifeValues, effectPointEstimates } from '../../../src/estimate/engine/effectPointEstimates.js';
import { accelerationFromInfluence } from '../../../src/estimate/intervals.js';
import { invertSymmetric } from '../../../src/estimate/regression/cholesky.js';
import { additiveDesign, linDesign, type CovariateColumn } from '../../../src/estimate/regression/designMatrix.js';
import { fitOlsHc2 } from '../../../src/estimate/regression/olsHc2.js';
import { ROOT } from '../../sharedPaths.js';
import { random } from './randomDesign.js';

// Goldens from R (estimatr, boot): test/golden-r/make-estimator-goldens.R and make-engine-goldens.R.
const GOLDEN = join(ROOT, 'test', 'golden-r');

function readCsv(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(join(GOLDEN, file), 'utf8').trim().split('\n');
  const names = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
}

const levelCodes = (values: string[]) => {
  const levels = [...new Set(values)].sort();
  return { codes: Int32Array.from(values, (v) => levels.indexOf(v)), levels: levels.length };
};

/** Covariate columns expanded as model.matrix expands them (a dummy per level but the first). */
function expand(persons: number, columns: CovariateColumn[]): { values: Float64Array; count: number } {
  const expanded: Float64Array[] = [];
  for (const column of columns) {
    if (column.kind === 'numeric') expanded.push(column.values);
    else for (let level = 1; level < column.levels; level++) expanded.push(Float64Array.from(column.codes, (code) => (code === level ? 1 : 0)));
  }
  const values = new Float64Array(persons * expanded.length);
  for (let p = 0; p < persons; p++) for (let j = 0; j < expanded.length; j++) values[p * expanded.length + j] = expanded[j][p];
  return { values, count: expanded.length };
}

/** A one-outcome, one-month, full-sample design. */
function singleCellDesign(y: Float64Array, arm: Uint8Array, arms: number, block: Int32Array | null, blocks: number, covariates: CovariateColumn[]): EffectDesign {
  const persons = y.length;
  const expanded = expand(persons, covariates);
  return {
    persons,
    arms,
    reference: 0,
    arm,
    block: block ?? new Int32Array(persons),
    blocks: block ? blocks : 1,
    covariates: expanded.values,
    covariateCount: expanded.count,
    groups: { labels: ['all'], slots: 1, memberships: new Int32Array(persons) },
    outcomes: 1,
    months: 1,
    values: Float64Array.from(y),
  };
}

const ESTIMATORS: EstimatorName[] = ['diff', 'blocked', 'ols', 'lin'];

/** A golden three-arm trial (arms FS, SE, CM; columns y, arm, block, x and a categorical covariate) as one cell. */
function threeArmDesign(rows: Record<string, string>[], categorical: string): EffectDesign {
  const ARMS = ['FS', 'SE', 'CM'];
  const block = levelCodes(rows.map((r) => r.block));
  const category = levelCodes(rows.map((r) => r[categorical]));
  return singleCellDesign(
    Float64Array.from(rows, (r) => Number(r.y)),
    Uint8Array.from(rows, (r) => ARMS.indexOf(r.arm)),
    3,
    block.codes,
    block.levels,
    [
      { kind: 'numeric', values: Float64Array.from(rows, (r) => Number(r.x)) },
      { kind: 'categorical', codes: category.codes, levels: category.levels },
    ],
  );
}

describe('effectPointEstimates against estimatr (committed goldens, one outcome, one month)', () => {
  const expected = new Map(readCsv('estimators.csv').map((r) => [r.case, { estimate: Number(r.estimate), se: Number(r.se) }]));

  it('the blocked three-arm trial: diff, blocked, ols and lin for both arms', () => {
    const design = threeArmDesign(readCsv('blocked-trial.csv'), 'group');
    for (const estimator of ESTIMATORS) {
      const result = effectPointEstimates(design, estimator);
      expect(result.estimate[effectCell(design, 0, 0, 0, 0)]).toBeNaN();
      for (const [a, name] of [[1, 'SE'], [2, 'CM']] as const) {
        const golden = expected.get(`${estimator}_${name}`)!;
        const cell = effectCell(design, 0, 0, a, 0);
        expect(result.estimate[cell]).toBeCloseTo(golden.estimate, 12);
        expect(result.se[cell]).toBeCloseTo(golden.se, 12);
      }
    }
  });

  it('the NSW sample: diff 1794.34 (SE 671.00), ols 1676.34 (SE 677.05), lin as lm_lin; blocked without blocks is diff', () => {
    const rows = readCsv('lalonde.csv');
    const names = ['age', 'educ', 'black', 'hisp', 'married', 'nodegr', 're74', 're75'];
    const design = singleCellDesign(
      Float64Array.from(rows, (r) => Number(r.re78)),
      Uint8Array.from(rows, (r) => Number(r.treat)),
      2,
      null,
      0,
      names.map((name) => ({ kind: 'numeric', values: Float64Array.from(rows, (r) => Number(r[name])) })),
    );
    const cell = effectCell(design, 0, 0, 1, 0);
    const check = (estimator: EstimatorName, golden: string, digits: number) => {
      const result = effectPointEstimates(design, estimator);
      expect(result.estimate[cell]).toBeCloseTo(expected.get(golden)!.estimate, digits);
      expect(result.se[cell]).toBeCloseTo(expected.get(golden)!.se, digits);
      return result;
    };
    expect(check('diff', 'lalonde_diff', 8).estimate[cell]).toBeCloseTo(1794.34, 2);
    check('blocked', 'lalonde_diff', 8);
    expect(check('ols', 'lalonde_ols', 8).se[cell]).toBeCloseTo(677.05, 2);
    check('lin', 'lalonde_lin', 8);
  });
});

describe('effectPointEstimates against estimatr and boot::empinf (make-engine-goldens.R)', () => {
  const rows = readCsv('engine-trial.csv');
  const design = threeArmDesign(rows, 'g');
  const estimates = readCsv('engine-estimates.csv');
  const influence = readCsv('engine-influence.csv');

  it('has the documented shape: 196 persons, 3 arms, 6 blocks, at least 3 persons per arm and block', () => {
    expect(design.persons).toBe(196);
    const cells = new Map<string, number>();
    rows.forEach((r) => cells.set(`${r.block}:${r.arm}`, (cells.get(`${r.block}:${r.arm}`) ?? 0) + 1));
    expect(cells.size).toBe(18);
    expect(Math.min(...cells.values())).toBeGreaterThanOrEqual(3);
  });

  for (const estimator of ESTIMATORS) {
    it(`${estimator}: estimates, SEs, every jackknife value and the acceleration for both arms`, () => {
      const L = new Map<string, number>();
      const result = effectJackknifeValues(design, estimator, (o, s, a, t, person, l) => {
        expect([o, s, t]).toEqual([0, 0, 0]);
        L.set(`${a}:${person}`, l);
      });
      for (const [a, name] of [[1, 'SE'], [2, 'CM']] as const) {
        const golden = estimates.find((r) => r.case === 'trial' && r.estimator === estimator && r.arm === name)!;
        const cell = effectCell(design, 0, 0, a, 0);
        expect(result.estimate[cell]).toBeCloseTo(Number(golden.estimate), 12);
        expect(result.se[cell]).toBeCloseTo(Number(golden.se), 12);
        const expectedL = influence.filter((r) => r.estimator === estimator && r.arm === name).map((r) => Number(r.L));
        expect(expectedL).toHaveLength(design.persons);
        let worst = 0;
        expectedL.forEach((value, person) => (worst = Math.max(worst, Math.abs((L.get(`${a}:${person}`) ?? 0) - value))));
        expect(worst).toBeLessThan(1e-10);
        expect(result.acceleration[cell]).toBeCloseTo(Number(golden.acceleration), 10);
        expect(result.acceleration[cell]).toBeCloseTo(accelerationFromInfluence(expectedL), 12);
      }
    });
  }

  it('blocked on matched pairs: estimatr’s matched-pairs SE, and acceleration 0 (every stratum is one person)', () => {
    const pairs = readCsv('engine-pairs.csv');
    const pairBlock = levelCodes(pairs.map((r) => r.block));
    const pairDesign = singleCellDesign(
      Float64Array.from(pairs, (r) => Number(r.y)),
      Uint8Array.from(pairs, (r) => (r.arm === 'SE' ? 1 : 0)),
      2,
      pairBlock.codes,
      pairBlock.levels,
      [],
    );
    const golden = estimates.find((r) => r.case === 'pairs')!;
    const result = effectPointEstimates(pairDesign, 'blocked');
    const cell = effectCell(pairDesign, 0, 0, 1, 0);
    expect(result.estimate[cell]).toBeCloseTo(Number(golden.estimate), 12);
    expect(result.se[cell]).toBeCloseTo(Number(golden.se), 12);
    expect(result.acceleration[cell]).toBe(0);
  });
});

describe('blocked: the documented rule for arms with one person in a block (estimatr refuses such designs)', () => {
  /** Two arms, blocks given as [arm-1 outcomes, reference outcomes]. */
  const blockedDesign = (blocks: [number[], number[]][]) => {
    const y: number[] = [];
    const arm: number[] = [];
    const block: number[] = [];
    blocks.forEach(([treated, reference], k) => {
      for (const v of treated) y.push(v), arm.push(1), block.push(k);
      for (const v of reference) y.push(v), arm.push(0), block.push(k);
    });
    return singleCellDesign(Float64Array.from(y), Uint8Array.from(arm), 2, Int32Array.from(block), blocks.length, []);
  };

  it('a singleton arm cell borrows the arm’s pooled within-block variance', () => {
    const design = blockedDesign([
      [[1, 0, 1], [0]], // Δ = 2/3, n = 4; s1² = 1/3, the reference cell is a singleton
      [[1], [0, 1, 1, 0]], // Δ = 1/2, n = 5; the arm cell is a singleton, s0² = 1/3
      [[0, 1], [1, 0]], // Δ = 0, n = 4; s1² = s0² = 1/2
      [[], [1, 1]], // no contrast, but part of the reference's pooled variance
    ]);
    const result = effectPointEstimates(design, 'blocked');
    const cell = effectCell(design, 0, 0, 1, 0);
    expect(result.estimate[cell]).toBeCloseTo((4 * (2 / 3) + 5 * 0.5 + 4 * 0) / 13, 14);
    // Pooled: arm (2/3 + 1/2) / (2 + 1) = 7/18; reference (1 + 1/2 + 0) / (3 + 1 + 1) = 3/10.
    const variance = ((4 / 13) ** 2) * (1 / 3 / 3 + 3 / 10 / 1) + ((5 / 13) ** 2) * (7 / 18 / 1 + 1 / 3 / 4) + ((4 / 13) ** 2) * (0.5 / 2 + 0.5 / 2);
    expect(variance).toBeCloseTo(4749 / 30420, 15);
    expect(result.se[cell]).toBeCloseTo(Math.sqrt(4749 / 30420), 14);
  });

  it('every contributing block a pair: the matched-pairs SE, whatever blocks without a contrast hold', () => {
    const design = blockedDesign([[[1], [0]], [[1], [1]], [[0], [1]], [[], [1, 0, 1]]]);
    const result = effectPointEstimates(design, 'blocked');
    const cell = effectCell(design, 0, 0, 1, 0);
    expect(result.estimate[cell]).toBeCloseTo(0, 15);
    expect(result.se[cell]).toBeCloseTo(Math.sqrt((1 + 0 + 1) / (3 * 2)), 14);
  });

  it('NaN SE when a singleton arm has no block with two of its persons to pool from', () => {
    const design = blockedDesign([[[1], [0, 1]], [[0], [1, 1, 0]]]);
    const result = effectPointEstimates(design, 'blocked');
    const cell = effectCell(design, 0, 0, 1, 0);
    expect(result.estimate[cell]).toBeCloseTo((3 * (1 - 0.5) + 4 * (0 - 2 / 3)) / 7, 14);
    expect(result.se[cell]).toBeNaN();
  });
});

// ---------------------------------------------------------------------------
// Brute force: every cell of a small multi-cell design refitted densely, and
// every person left out in turn (boot's stratified jackknife by definition).

/**
 * 120 persons, 3 arms (reference 1), 5 blocks (one small), covariates: a
 * numeric, a uniform, a 0/1 dummy, the indicator of subgroup `sex=a`
 * (constant, hence aliased, in that subgroup's row sets) and a dummy only
 * person 7 has (leverage one wherever person 7 is). Subgroups: sex (2
 * levels) and size (2 levels, some persons missing, and a tiny level of
 * hand-picked persons). Two outcomes
 * (binary, continuous) over 3 months, censored more each month; outcome 1
 * misses one more person in month 2, so its row sets differ there.
 */
function randomDesign(seed: number): EffectDesign {
  const next = random(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const persons = 120;
  const A = 3;
  const B = 5;
  const O = 2;
  const T = 3;
  const c = 5;
  const arm = new Uint8Array(persons);
  const block = new Int32Array(persons);
  const covariates = new Float64Array(persons * c);
  const memberships = new Int32Array(persons * 3);
  const values = new Float64Array(persons * O * T);
  const blockShares = [0.3, 0.25, 0.2, 0.2, 0.05];
  const armShares = [
    [0.3, 0.4, 0.3],
    [0.5, 0.25, 0.25],
    [0.2, 0.4, 0.4],
    [0.34, 0.33, 0.33],
    [0.4, 0.3, 0.3],
  ];
  const pick = (shares: number[]) => {
    let u = next();
    for (let i = 0; i < shares.length; i++) if ((u -= shares[i]) < 0) return i;
    return shares.length - 1;
  };
  for (let p = 0; p < persons; p++) {
    block[p] = pick(blockShares);
    arm[p] = pick(armShares[block[p]]);
    const sex = next() < 0.5 ? 0 : 1;
    const size = next() < 0.05 ? -1 : pick([0.55, 0.45]);
    memberships[p * 3] = 0;
    memberships[p * 3 + 1] = 1 + sex;
    memberships[p * 3 + 2] = size < 0 ? -1 : 3 + size;
    covariates[p * c] = Math.round((40 + 10 * normal()) * 10) / 10;
    covariates[p * c + 1] = next();
    covariates[p * c + 2] = next() < 0.25 ? 1 : 0;
    covariates[p * c + 3] = sex === 0 ? 1 : 0;
    covariates[p * c + 4] = p === 7 ? 1 : 0;
    const censoredFrom = next() < 0.1 ? 1 : next() < 0.22 ? 2 : T;
    const effect = [0.1, 0, 0.25][arm[p]];
    for (let t = 0; t < T; t++) {
      const observed = t < censoredFrom;
      const linear = -0.3 + effect + 0.03 * (covariates[p * c] - 40) + 0.3 * block[p] / B + 0.2 * t;
      values[(p * O + 0) * T + t] = observed ? (next() < 1 / (1 + Math.exp(-linear)) ? 1 : 0) : NaN;
      values[(p * O + 1) * T + t] = observed ? linear + normal() : NaN;
    }
  }
  // The tiny level, chosen by arm × block among persons observed in months 0
  // and 1: arm 0 has one person (in block 0, the only block with every arm),
  // block 1 lacks arm 0, block 3 has one person; arm 0 leaves in month 2.
  const tiny: [number, number][] = [[1, 0], [1, 0], [2, 0], [2, 0], [0, 0], [1, 1], [2, 1], [2, 1], [1, 3], [1, 2], [2, 2]];
  const chosen = new Set<number>();
  for (const [a, k] of tiny) {
    const p = Array.from({ length: persons }, (_, q) => q).find((q) => !chosen.has(q) && arm[q] === a && block[q] === k && !Number.isNaN(values[(q * O) * T + 1]));
    if (p === undefined) throw new Error(`no person of arm ${a} in block ${k} for the tiny level`);
    chosen.add(p);
    memberships[p * 3 + 2] = 5;
    if (a === 0) for (let o = 0; o < O; o++) values[(p * O + o) * T + 2] = NaN;
  }
  const extra = Array.from({ length: persons }, (_, p) => p).find((p) => !Number.isNaN(values[(p * O + 1) * T + 2]))!;
  values[(extra * O + 1) * T + 2] = NaN;
  return {
    persons,
    arms: A,
    reference: 1,
    arm,
    block,
    blocks: B,
    covariates,
    covariateCount: c,
    groups: { labels: ['all', 'sex=a', 'sex=b', 'size=s', 'size=m', 'size=tiny'], slots: 3, memberships },
    outcomes: O,
    months: T,
    values,
  };
}

interface Column {
  key: string;
  values: Float64Array;
}

/** Columns kept as lm keeps them: Gram–Schmidt in the given order, a column dropped when < 1e-9 of its squared norm is left. */
function independentColumns(columns: Column[]): Column[] {
  const basis: Float64Array[] = [];
  const kept: Column[] = [];
  for (const column of columns) {
    const v = Float64Array.from(column.values);
    const norm = v.reduce((s, x) => s + x * x, 0);
    for (const q of basis) {
      const dot = q.reduce((s, x, i) => s + x * v[i], 0);
      for (let i = 0; i < v.length; i++) v[i] -= dot * q[i];
    }
    const left = v.reduce((s, x) => s + x * x, 0);
    if (!(norm > 0) || !(left > 1e-9 * norm)) continue;
    basis.push(v.map((x) => x / Math.sqrt(left)));
    kept.push(column);
  }
  return kept;
}

function rowMajor(columns: Column[], n: number): Float64Array {
  const x = new Float64Array(n * columns.length);
  columns.forEach((column, j) => column.values.forEach((v, i) => (x[i * columns.length + j] = v)));
  return x;
}

/**
 * A full-rank fit's coefficient `key`, with its HC2 SE under the documented
 * leverage-one rule: NaN when a leverage-one person weighs on the
 * coefficient; otherwise such persons (residual 0, no variance information)
 * are left out of the sandwich, i.e. fitOlsHc2 without them.
 */
function denseCoefficient(columns: Column[], y: Float64Array, key: string, withSe: boolean): { estimate: number; se: number } {
  const n = y.length;
  const p = columns.length;
  const j = columns.findIndex((column) => column.key === key);
  const fit = fitOlsHc2(rowMajor(columns, n), y, n, p)!;
  if (!withSe) return { estimate: fit.coefficients[j], se: NaN };
  const xtx = new Float64Array(p * p);
  const x = rowMajor(columns, n);
  for (let i = 0; i < n; i++) for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) xtx[a * p + b] += x[i * p + a] * x[i * p + b];
  const bread = invertSymmetric(xtx, p)!;
  const weight = new Float64Array(n);
  const one: number[] = [];
  for (let i = 0; i < n; i++) {
    let h = 0;
    for (let a = 0; a < p; a++) {
      let ca = 0;
      for (let b = 0; b < p; b++) ca += bread[a * p + b] * x[i * p + b];
      h += x[i * p + a] * ca;
      if (a === j) weight[i] = ca;
    }
    if (1 - h <= 1e-9) one.push(i);
  }
  if (one.length === 0) return { estimate: fit.coefficients[j], se: fit.se[j] };
  const norm = Math.sqrt(weight.reduce((s, w) => s + w * w, 0));
  if (one.some((i) => Math.abs(weight[i]) > 1e-7 * norm)) return { estimate: fit.coefficients[j], se: NaN };
  const keep = Array.from({ length: n }, (_, i) => i).filter((i) => !one.includes(i));
  const reduced = independentColumns(columns.map((column) => ({ key: column.key, values: Float64Array.from(keep, (i) => column.values[i]) })));
  const refit = fitOlsHc2(rowMajor(reduced, keep.length), Float64Array.from(keep, (i) => y[i]), keep.length, reduced.length)!;
  return { estimate: fit.coefficients[j], se: refit.se[reduced.findIndex((column) => column.key === key)] };
}

type Estimates = { estimate: Float64Array; se: Float64Array };

/** The row set's estimates per arm by dense refits (methods.md and the documented rules), NaN where not estimable. */
function referenceEstimates(d: EffectDesign, estimator: EstimatorName, rows: number[], o: number, t: number, withSe: boolean): Estimates {
  const A = d.arms;
  const c = d.covariateCount;
  const ref = d.reference;
  const estimate = new Float64Array(A).fill(NaN);
  const se = new Float64Array(A).fill(NaN);
  const y = (p: number) => d.values[(p * d.outcomes + o) * d.months + t];
  const mean = (ps: number[]) => ps.reduce((s, p) => s + y(p), 0) / ps.length;
  const variance = (ps: number[]) => (ps.length < 2 ? NaN : ps.reduce((s, p) => s + (y(p) - mean(ps)) ** 2, 0) / (ps.length - 1));
  const of = (ps: number[], g: number) => ps.filter((p) => d.arm[p] === g);
  const blocksOf = (ps: number[]) => [...new Set(ps.map((p) => d.block[p]))].sort((a, b) => a - b);
  const covariate = (ps: number[], j: number) => Float64Array.from(ps, (p) => d.covariates[p * c + j]);

  if (estimator === 'diff') {
    for (let a = 0; a < A; a++) {
      const [p1, p0] = [of(rows, a), of(rows, ref)];
      if (a === ref || p1.length === 0 || p0.length === 0) continue;
      estimate[a] = mean(p1) - mean(p0);
      se[a] = Math.sqrt(variance(p1) / p1.length + variance(p0) / p0.length);
    }
  } else if (estimator === 'blocked') {
    const pooled = (g: number) => {
      let ss = 0;
      let df = 0;
      for (const k of blocksOf(rows)) {
        const cell = of(rows, g).filter((p) => d.block[p] === k);
        if (cell.length >= 2) (ss += variance(cell) * (cell.length - 1)), (df += cell.length - 1);
      }
      return df > 0 ? ss / df : NaN;
    };
    for (let a = 0; a < A; a++) {
      if (a === ref) continue;
      const parts = blocksOf(rows)
        .map((k) => [of(rows, a), of(rows, ref)].map((ps) => ps.filter((p) => d.block[p] === k)))
        .filter(([p1, p0]) => p1.length > 0 && p0.length > 0);
      if (parts.length === 0) continue;
      const total = parts.reduce((s, [p1, p0]) => s + p1.length + p0.length, 0);
      const deltas = parts.map(([p1, p0]) => mean(p1) - mean(p0));
      estimate[a] = parts.reduce((s, [p1, p0], i) => s + ((p1.length + p0.length) / total) * deltas[i], 0);
      if (parts.every(([p1, p0]) => p1.length === 1 && p0.length === 1)) {
        const K = parts.length;
        se[a] = K > 1 ? Math.sqrt(deltas.reduce((s, v) => s + (v - estimate[a]) ** 2, 0) / (K * (K - 1))) : NaN;
      } else {
        se[a] = Math.sqrt(
          parts.reduce((s, [p1, p0]) => {
            const v1 = p1.length > 1 ? variance(p1) : pooled(a);
            const v0 = p0.length > 1 ? variance(p0) : pooled(ref);
            return s + ((p1.length + p0.length) / total) ** 2 * (v1 / p1.length + v0 / p0.length);
          }, 0),
        );
      }
    }
  } else if (estimator === 'ols') {
    if (of(rows, ref).length === 0) return { estimate, se };
    const blocks = blocksOf(rows);
    const present = Array.from({ length: A }, (_, a) => a).filter((a) => a !== ref && of(rows, a).length > 0);
    // The additive design (lm_robust's y ~ arm + block + covariates), arms renumbered with the reference first.
    const armIndex = (g: number) => (g === ref ? 0 : 1 + present.indexOf(g));
    const design = additiveDesign({
      persons: rows.length,
      arm: Uint8Array.from(rows, (p) => armIndex(d.arm[p])),
      arms: 1 + present.length,
      block: Int32Array.from(rows, (p) => blocks.indexOf(d.block[p])),
      blocks: blocks.length,
      covariates: Array.from({ length: c }, (_, j) => ({ kind: 'numeric' as const, values: covariate(rows, j) })),
    });
    const key = (j: number) => (j === 0 ? 'intercept' : j <= present.length ? `arm${present[j - 1]}` : j < present.length + blocks.length ? `block${j}` : `x${j}`);
    const all: Column[] = Array.from({ length: design.columns }, (_, j) => ({ key: key(j), values: Float64Array.from(rows, (_, i) => design.x[i * design.columns + j]) }));
    // Aliasing judged in the order intercept, blocks, arms, covariates (blocks absorbed first).
    const order = [...all.filter((col) => col.key === 'intercept' || col.key.startsWith('block')), ...all.filter((col) => col.key.startsWith('arm')), ...all.filter((col) => col.key.startsWith('x'))];
    const kept = independentColumns(order);
    const yv = Float64Array.from(rows, y);
    for (const a of present) {
      if (!kept.some((col) => col.key === `arm${a}`) || !contrastEstimable(d, rows, a)) continue;
      ({ estimate: estimate[a], se: se[a] } = denseCoefficient(kept, yv, `arm${a}`, withSe));
    }
  } else {
    const counts = (g: number, k: number) => rows.filter((p) => d.arm[p] === g && d.block[p] === k).length;
    const present = Array.from({ length: A }, (_, a) => a).filter((a) => of(rows, a).length > 0);
    if (!present.includes(ref)) return { estimate, se };
    const included = blocksOf(rows).filter((k) => present.every((g) => counts(g, k) > 0));
    const kept = rows.filter((p) => included.includes(d.block[p]));
    if (kept.length === 0) return { estimate, se };
    const xbar = Array.from({ length: c }, (_, j) => covariate(kept, j).reduce((s, v) => s + v, 0) / kept.length);
    const share = included.map((k) => kept.filter((p) => d.block[p] === k).length / kept.length);
    // Per arm: y on [1, block dummies − shares, covariates − x̄]; the intercept is the prediction at the means.
    const prediction = new Map<number, { estimate: number; se: number; dropped: boolean }>();
    for (const g of present) {
      const ps = of(kept, g);
      const columns: Column[] = [{ key: 'intercept', values: new Float64Array(ps.length).fill(1) }];
      included.slice(1).forEach((k, i) => columns.push({ key: `block${k}`, values: Float64Array.from(ps, (p) => (d.block[p] === k ? 1 : 0) - share[i + 1]) }));
      for (let j = 0; j < c; j++) columns.push({ key: `x${j}`, values: Float64Array.from(ps, (p) => d.covariates[p * c + j] - xbar[j]) });
      const independent = independentColumns(columns);
      prediction.set(g, { ...denseCoefficient(independent, Float64Array.from(ps, y), 'intercept', withSe), dropped: independent.length < columns.length });
    }
    for (const a of present) {
      if (a === ref) continue;
      estimate[a] = prediction.get(a)!.estimate - prediction.get(ref)!.estimate;
      se[a] = Math.sqrt(prediction.get(a)!.se ** 2 + prediction.get(ref)!.se ** 2);
    }
    // With nothing aliased this is lm_lin's interacted regression itself.
    if (withSe && present.every((g) => !prediction.get(g)!.dropped)) {
      const others = present.filter((g) => g !== ref);
      const design = linDesign({
        persons: kept.length,
        arm: Uint8Array.from(kept, (p) => (d.arm[p] === ref ? 0 : 1 + others.indexOf(d.arm[p]))),
        arms: present.length,
        block: Int32Array.from(kept, (p) => included.indexOf(d.block[p])),
        blocks: included.length,
        covariates: Array.from({ length: c }, (_, j) => ({ kind: 'numeric' as const, values: covariate(kept, j) })),
      });
      const fit = fitOlsHc2(design.x, Float64Array.from(kept, y), kept.length, design.columns);
      if (fit) others.forEach((a, i) => expect(fit.coefficients[design.armColumns[i]]).toBeCloseTo(estimate[a], 9));
    }
  }
  return { estimate, se };
}

/** Whether arm a − reference is an estimable contrast of block + arm effects: (e_a − e_ref) in the row space of [block one-hot, arm one-hot]. */
function contrastEstimable(d: EffectDesign, rows: number[], a: number): boolean {
  const size = d.blocks + d.arms;
  const vectors = [...new Set(rows.map((p) => d.arm[p] * d.blocks + d.block[p]))].map((cell) => {
    const v = new Float64Array(size);
    v[cell % d.blocks] = 1;
    v[d.blocks + Math.floor(cell / d.blocks)] = 1;
    return v;
  });
  const basis = independentColumns(vectors.map((values, i) => ({ key: String(i), values }))).map((col) => col.values);
  const target = new Float64Array(size);
  target[d.blocks + a] = 1;
  target[d.blocks + d.reference] = -1;
  const orthonormal: Float64Array[] = [];
  for (const v of basis) {
    const w = Float64Array.from(v);
    for (const q of orthonormal) {
      const dot = q.reduce((s, x, i) => s + x * w[i], 0);
      for (let i = 0; i < size; i++) w[i] -= dot * q[i];
    }
    const norm = Math.sqrt(w.reduce((s, x) => s + x * x, 0));
    orthonormal.push(w.map((x) => x / norm));
  }
  for (const q of orthonormal) {
    const dot = q.reduce((s, x, i) => s + x * target[i], 0);
    for (let i = 0; i < size; i++) target[i] -= dot * q[i];
  }
  return target.reduce((s, x) => s + x * x, 0) < 1e-18;
}

const close = (actual: number, expected: number, tolerance: number) =>
  (Number.isNaN(actual) && Number.isNaN(expected)) || Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));

describe.each([20170331, 2])('effectPointEstimates against dense refits and a brute-force leave-one-out jackknife (seed %i)', (seed) => {
  const design = randomDesign(seed);
  const A = design.arms;
  const S = design.groups.labels.length;
  const strata = new Map<string, number>();
  for (let p = 0; p < design.persons; p++) strata.set(`${design.arm[p]}:${design.block[p]}`, (strata.get(`${design.arm[p]}:${design.block[p]}`) ?? 0) + 1);
  const rowSet = (s: number, o: number, t: number) =>
    Array.from({ length: design.persons }, (_, p) => p).filter(
      (p) => [0, 1, 2].some((k) => design.groups.memberships[p * 3 + k] === s) && !Number.isNaN(design.values[(p * design.outcomes + o) * design.months + t]),
    );

  it('covers the hard cases: aliased covariates, singleton blocks and cells, one-person and absent arms', () => {
    let singletonBlock = 0;
    let singletonCell = 0;
    let onePersonArm = 0;
    let absentArm = 0;
    for (let s = 0; s < S; s++) {
      for (let t = 0; t < design.months; t++) {
        const rows = rowSet(s, 0, t);
        const count = (f: (p: number) => boolean) => rows.filter(f).length;
        for (let k = 0; k < design.blocks; k++) if (count((p) => design.block[p] === k) === 1) singletonBlock++;
        for (let a = 0; a < A; a++) {
          const n = count((p) => design.arm[p] === a);
          if (n === 1) onePersonArm++;
          if (n === 0) absentArm++;
          for (let k = 0; k < design.blocks; k++) if (count((p) => design.arm[p] === a && design.block[p] === k) === 1) singletonCell++;
        }
      }
    }
    // Covariate 3 is constant within the sex levels, covariate 4 one person's dummy.
    const c = design.covariateCount;
    expect(new Set(rowSet(1, 0, 0).map((p) => design.covariates[p * c + 3])).size).toBe(1);
    expect(Array.from({ length: design.persons }, (_, p) => design.covariates[p * c + 4]).filter((v) => v !== 0)).toHaveLength(1);
    expect({ singletonBlock: singletonBlock > 0, singletonCell: singletonCell > 5, onePersonArm: onePersonArm > 0, absentArm: absentArm > 0 }).toEqual({
      singletonBlock: true,
      singletonCell: true,
      onePersonArm: true,
      absentArm: true,
    });
  });

  for (const estimator of ESTIMATORS) {
    it(`${estimator}: every cell’s estimate and SE, every jackknife value and acceleration`, () => {
      const L = new Map<string, number>();
      const result = effectJackknifeValues(design, estimator, (o, s, a, t, person, l) => L.set(`${o}:${s}:${a}:${t}:${person}`, l));
      let cells = 0;
      let seCompared = 0;
      let worstL = 0;
      for (let o = 0; o < design.outcomes; o++) {
        for (let s = 0; s < S; s++) {
          for (let t = 0; t < design.months; t++) {
            const rows = rowSet(s, o, t);
            const full = referenceEstimates(design, estimator, rows, o, t, true);
            const influence = Array.from({ length: A }, () => new Float64Array(design.persons));
            for (const person of rows) {
              const nh = strata.get(`${design.arm[person]}:${design.block[person]}`)!;
              if (nh <= 1) continue;
              const without = referenceEstimates(design, estimator, rows.filter((p) => p !== person), o, t, false).estimate;
              for (let a = 0; a < A; a++) influence[a][person] = (nh - 1) * (full.estimate[a] - without[a]);
            }
            for (let a = 0; a < A; a++) {
              const cell = effectCell(design, o, s, a, t);
              const where = `${estimator} o${o} s${s} a${a} t${t}`;
              // The tiny level's fits have hardly any residual degrees of
              // freedom, and some arms of the others few persons: two exact
              // methods (the reference solves normal equations) then differ
              // by the system's condition.
              const tiny = rows.length < 20;
              const tolerance = tiny ? 1e-8 : estimator === 'ols' || estimator === 'lin' ? 1e-10 : 1e-12;
              expect(close(result.estimate[cell], full.estimate[a], tolerance), `${where} estimate ${result.estimate[cell]} vs ${full.estimate[a]}`).toBe(true);
              expect(close(result.se[cell], full.se[a], tiny ? 1e-6 : 1e-10), `${where} se ${result.se[cell]} vs ${full.se[a]}`).toBe(true);
              if (a === design.reference || Number.isNaN(full.estimate[a])) continue;
              cells++;
              if (Number.isFinite(full.se[a])) seCompared++;
              for (let p = 0; p < design.persons; p++) {
                const mine = L.get(`${o}:${s}:${a}:${t}:${p}`) ?? 0;
                expect(close(mine, influence[a][p], tiny ? 1e-6 : 100 * tolerance), `${where} L of person ${p}: ${mine} vs ${influence[a][p]}`).toBe(true);
                if (Number.isFinite(mine) && !tiny) worstL = Math.max(worstL, Math.abs(mine - influence[a][p]) / Math.max(1, Math.abs(influence[a][p])));
              }
              // Rounding noise (an exactly identified fit: every estimate without one person equals the estimate) counts as 0.
              const noise = influence[a].reduce((sum, l) => sum + l * l, 0) <= 1e-20 * rows.reduce((sum, p) => sum + design.values[(p * design.outcomes + o) * design.months + t] ** 2, 0);
              const expected = influence[a].some(Number.isNaN) ? NaN : noise ? 0 : accelerationFromInfluence(influence[a]);
              expect(close(result.acceleration[cell], expected, tiny ? 1e-6 : 1e-9), `${where} acceleration ${result.acceleration[cell]} vs ${expected}`).toBe(true);
            }
          }
        }
      }
      expect(cells).toBeGreaterThan(50);
      expect(seCompared).toBeGreaterThan(estimator === 'lin' ? 5 : cells / 2);
      expect(worstL).toBeLessThan(estimator === 'ols' || estimator === 'lin' ? 1e-8 : 1e-12);
    });
  }
});
