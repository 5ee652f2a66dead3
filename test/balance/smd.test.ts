import { describe, expect, it } from 'vitest';
import { armMoments, isImbalanced, standardizedMeanDifference } from '../../src/balance/armMoments.js';
import { assessBalance } from '../../src/balance/assessBalance.js';
import { covariateVariables, parseCovariateNumber, preMonthVariables } from '../../src/balance/balanceVariables.js';
import { MISSING, type Panel } from '../../src/panel/buildPanel.js';

describe('standardized mean difference (methods.md, Balance)', () => {
  it('is (mean_arm − mean_ref) / sqrt((var_arm + var_ref) / 2) with n − 1 variances, by hand', () => {
    // Reference (arm 0): 1, 2, 3, 4 → mean 2.5, variance (2.25 + 0.25 + 0.25 + 2.25) / 3 = 5/3.
    // Arm 1: 2, 4, 6 → mean 4, variance (4 + 0 + 4) / 2 = 4.
    const values = Float64Array.from([1, 2, 3, 4, 2, 4, 6]);
    const arm = Uint8Array.from([0, 0, 0, 0, 1, 1, 1]);
    const m = armMoments(values, arm, 2);
    expect(Array.from(m.n)).toEqual([4, 3]);
    expect(m.mean[0]).toBeCloseTo(2.5, 14);
    expect(m.mean[1]).toBeCloseTo(4, 14);
    expect(m.variance[0]).toBeCloseTo(5 / 3, 14);
    expect(m.variance[1]).toBeCloseTo(4, 14);
    const smd = standardizedMeanDifference(m.mean[1], m.variance[1], m.mean[0], m.variance[0])!;
    expect(smd).toBeCloseTo(1.5 / Math.sqrt((4 + 5 / 3) / 2), 14); // 0.89113…
    expect(smd).toBeCloseTo(0.891133, 6);
  });

  it('leaves missing values (NaN) out of the means', () => {
    const m = armMoments(Float64Array.from([1, NaN, 3, 10, NaN]), Uint8Array.from([0, 0, 0, 1, 1]), 2);
    expect(Array.from(m.n)).toEqual([2, 1]);
    expect(m.mean[0]).toBe(2);
    expect(m.variance[0]).toBe(2);
    expect(Number.isNaN(m.variance[1])).toBe(true); // one person: no n − 1 variance
  });

  it('is undefined (null) when both variances are 0 or one is missing', () => {
    expect(standardizedMeanDifference(1, 0, 0, 0)).toBeNull();
    expect(standardizedMeanDifference(0.5, NaN, 0.4, 0.2)).toBeNull();
  });

  it('flags |SMD| above 0.1 only', () => {
    expect(isImbalanced(0.1)).toBe(false);
    expect(isImbalanced(-0.1000001)).toBe(true);
    expect(isImbalanced(0.05)).toBe(false);
  });
});

describe('balance variables', () => {
  it('keeps a numeric column as is and reads a decimal comma', () => {
    const [age] = covariateVariables(new Map([['age', ['24', '24,5', '', '30.25']]]), ['age']);
    expect(age.variable).toBe('age');
    expect(age.kind).toBe('numeric');
    expect(Array.from(age.values)).toEqual([24, 24.5, NaN, 30.25]);
    expect(parseCovariateNumber('1e3')).toBeUndefined();
  });

  it('reads a number exactly where the pattern sign, digits, one decimal point or comma does', () => {
    const pattern = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;
    const texts = ['0', '7', '-3', '+12', '007', '1.', '1,', '.5', ',5', '-.5', '+,25', '24,5', '30.25', '1.2.3', '1,2,3', '1.2,3', '', '.', ',', '+', '-', '+-1', '1e3', ' 1', '1 ', '0x10', 'Infinity', 'NaN', '1_000', '١٢', '12a', 'a12'];
    for (const text of texts) {
      expect(parseCovariateNumber(text), JSON.stringify(text)).toBe(pattern.test(text) ? Number(text.replace(',', '.')) : undefined);
    }
  });

  it('marks a 0/1 column binary', () => {
    expect(covariateVariables(new Map([['children', ['0', '1', '1', '']]]), ['children'])[0].kind).toBe('binary');
  });

  it('splits a categorical column into one 0/1 dummy per level, missing in every dummy', () => {
    const dummies = covariateVariables(new Map([['diagnosis_group', ['F80-89', 'F30-39', '', 'F80-89']]]), ['diagnosis_group']);
    expect(dummies.map((d) => d.variable)).toEqual(['diagnosis_group=F30-39', 'diagnosis_group=F80-89']);
    expect(dummies.every((d) => d.kind === 'binary')).toBe(true);
    expect(Array.from(dummies[0].values)).toEqual([0, 1, NaN, 0]);
    expect(Array.from(dummies[1].values)).toEqual([1, 0, NaN, 1]);
  });

  it('takes the primary outcome in each pre-randomization month, censored as missing', () => {
    // 2 persons, outcomes [other, work], months −2, −1, 1.
    const T = 3;
    const values = new Uint8Array(2 * 2 * T);
    values.set([0, 0, 0, 1, 0, 1], 0); // person 0: other, then work = 1, 0, 1
    values.set([0, 0, 0, MISSING, 1, 0], 6); // person 1: work = missing, 1, 0
    const panel: Panel = { persons: 2, outcomes: ['other', 'work'], months: Int32Array.from([-2, -1, 1]), values, status: new Uint8Array(0), censored: new Int32Array(T) };
    const pre = preMonthVariables(panel, 'work');
    expect(pre.map((v) => [v.variable, v.month])).toEqual([['work', -2], ['work', -1]]);
    expect(Array.from(pre[0].values)).toEqual([1, NaN]);
    expect(Array.from(pre[1].values)).toEqual([0, 1]);
  });
});

describe('assessBalance', () => {
  const base = { block: new Int32Array(0), blockCount: 1, arms: ['R', 'A'], reference: 'R', permutations: 200, seed: 1 };

  it('gives means, SMD, flag and missing counts per non-reference arm', () => {
    const arm = Uint8Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
    const values = Float64Array.from([1, 2, 3, 4, 2, 4, 6, NaN]);
    const section = assessBalance({ ...base, block: new Int32Array(8), variables: [{ variable: 'x', month: null, kind: 'numeric', values }], arm, minCellSize: 1 });
    expect(section.rows).toHaveLength(1);
    const row = section.rows[0];
    expect(row).toMatchObject({ variable: 'x', arm: 'A', reference: 'R', mean: 4, reference_mean: 2.5, missing: 1, reference_missing: 0, suppressed: false, flagged: true });
    expect(row.smd).toBeCloseTo(0.891133, 6);
    expect(section.joint?.statistic).toBeCloseTo(row.smd! ** 2, 12);
  });

  it('withholds a share from a small cell, its SMD with it, and a small missing count', () => {
    // 12 persons per arm; the arm has 3 persons with a 1 (a small cell at minCellSize 5); the reference misses 2 values.
    const arm = Uint8Array.from([...Array(12).fill(0), ...Array(12).fill(1)]);
    const values = Float64Array.from([1, 1, 1, 1, 1, 0, 0, 0, 0, 0, NaN, NaN, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const section = assessBalance({ ...base, block: new Int32Array(24), variables: [{ variable: 'b', month: null, kind: 'binary', values }], arm, minCellSize: 5 });
    const row = section.rows[0];
    expect(row.mean).toBeNull();
    expect(row.smd).toBeNull();
    expect(row.flagged).toBeNull();
    expect(row.suppressed).toBe(true);
    expect(row.reference_mean).toBe(0.5);
    expect(row.reference_missing).toBeNull();
    expect(row.missing).toBe(0);
    expect(row.missing_suppressed).toBe(true);
  });
});
