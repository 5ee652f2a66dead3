import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockedDifference } from '../../src/estimate/regression/blockedDifference.js';
import { invertSymmetric } from '../../src/estimate/regression/cholesky.js';
import { additiveDesign, linDesign, type CovariateColumn, type DesignInput } from '../../src/estimate/regression/designMatrix.js';
import { fitOlsHc2 } from '../../src/estimate/regression/olsHc2.js';
import { differenceSe } from '../../src/estimate/difference.js';
import { ROOT } from '../sharedPaths.js';

// Golden values from R's estimatr, made by test/golden-r/make-estimator-goldens.R.
const GOLDEN = join(ROOT, 'test', 'golden-r');
const expected = new Map(
  readFileSync(join(GOLDEN, 'estimators.csv'), 'utf8').trim().split('\n').slice(1).map((line) => {
    const [name, estimate, se] = line.split(',');
    return [name, { estimate: Number(estimate), se: Number(se) }];
  }),
);
const golden = (name: string) => expected.get(name)!;

function readCsv(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(join(GOLDEN, file), 'utf8').trim().split('\n');
  const names = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
}

const codes = (values: string[]) => {
  const levels = [...new Set(values)].sort();
  return { codes: Int32Array.from(values, (v) => levels.indexOf(v)), levels: levels.length };
};

describe('regression estimators against estimatr (blocked three-arm trial, unequal allocation in blocks)', () => {
  const rows = readCsv('blocked-trial.csv');
  const ARMS = ['FS', 'SE', 'CM'];
  const y = Float64Array.from(rows, (r) => Number(r.y));
  const arm = Uint8Array.from(rows, (r) => ARMS.indexOf(r.arm));
  const block = codes(rows.map((r) => r.block));
  const group = codes(rows.map((r) => r.group));
  const covariates: CovariateColumn[] = [
    { kind: 'numeric', values: Float64Array.from(rows, (r) => Number(r.x)) },
    { kind: 'categorical', codes: group.codes, levels: group.levels },
  ];
  const input: DesignInput = { persons: rows.length, arm, arms: 3, block: block.codes, blocks: block.levels, covariates };

  it('diff: difference in means with the Neyman SE', () => {
    for (const [a, name] of [[1, 'SE'], [2, 'CM']] as const) {
      const mean = (k: number) => y.filter((_, i) => arm[i] === k).reduce((s, v) => s + v, 0);
      const n = (k: number) => arm.filter((v) => v === k).length;
      const estimate = mean(a) / n(a) - mean(0) / n(0);
      expect(estimate).toBeCloseTo(golden(`diff_${name}`).estimate, 12);
      expect(differenceSe(mean(a), n(a), mean(0), n(0))).toBeCloseTo(golden(`diff_${name}`).se, 12);
    }
  });

  it('blocked: block-size weighted within-block differences, estimatr SE', () => {
    for (const [a, name] of [[1, 'SE'], [2, 'CM']] as const) {
      const keep = Array.from(arm.keys()).filter((i) => arm[i] === 0 || arm[i] === a);
      const result = blockedDifference(
        Float64Array.from(keep, (i) => y[i]),
        Uint8Array.from(keep, (i) => (arm[i] === a ? 1 : 0)),
        Int32Array.from(keep, (i) => block.codes[i]),
        block.levels,
      );
      expect(result.estimate).toBeCloseTo(golden(`blocked_${name}`).estimate, 12);
      expect(result.se).toBeCloseTo(golden(`blocked_${name}`).se, 12);
      expect(result.estimate).not.toBeCloseTo(golden(`diff_${name}`).estimate, 3);
    }
  });

  it('ols: arm + block + covariates with HC2 (lm_robust)', () => {
    const design = additiveDesign(input);
    const fit = fitOlsHc2(design.x, y, rows.length, design.columns)!;
    for (const [a, name] of [[1, 'SE'], [2, 'CM']] as const) {
      expect(fit.coefficients[design.armColumns[a - 1]]).toBeCloseTo(golden(`ols_${name}`).estimate, 10);
      expect(fit.se[design.armColumns[a - 1]]).toBeCloseTo(golden(`ols_${name}`).se, 10);
    }
  });

  it('lin: arm × centred covariates and blocks with HC2 (lm_lin)', () => {
    const design = linDesign(input);
    const fit = fitOlsHc2(design.x, y, rows.length, design.columns)!;
    for (const [a, name] of [[1, 'SE'], [2, 'CM']] as const) {
      expect(fit.coefficients[design.armColumns[a - 1]]).toBeCloseTo(golden(`lin_${name}`).estimate, 10);
      expect(fit.se[design.armColumns[a - 1]]).toBeCloseTo(golden(`lin_${name}`).se, 10);
    }
  });
});

describe('the NSW experimental sample (methods.md public check)', () => {
  const rows = readCsv('lalonde.csv');
  const y = Float64Array.from(rows, (r) => Number(r.re78));
  const arm = Uint8Array.from(rows, (r) => Number(r.treat));
  const names = ['age', 'educ', 'black', 'hisp', 'married', 'nodegr', 're74', 're75'];
  const covariates: CovariateColumn[] = names.map((name) => ({ kind: 'numeric', values: Float64Array.from(rows, (r) => Number(r[name])) }));
  const input: DesignInput = { persons: rows.length, arm, arms: 2, block: null, blocks: 0, covariates };

  it('has the 445 persons of the published sample', () => {
    expect(rows).toHaveLength(445);
  });

  it('ols with covariates gives 1676.34 (SE 677.05), as methods.md states', () => {
    const design = additiveDesign(input);
    const fit = fitOlsHc2(design.x, y, rows.length, design.columns)!;
    expect(fit.coefficients[1]).toBeCloseTo(1676.34, 2);
    expect(fit.se[1]).toBeCloseTo(677.05, 2);
    expect(fit.coefficients[1]).toBeCloseTo(golden('lalonde_ols').estimate, 7);
    expect(fit.se[1]).toBeCloseTo(golden('lalonde_ols').se, 7);
  });

  it('lin with centred covariates matches lm_lin', () => {
    const design = linDesign(input);
    const fit = fitOlsHc2(design.x, y, rows.length, design.columns)!;
    expect(fit.coefficients[1]).toBeCloseTo(golden('lalonde_lin').estimate, 7);
    expect(fit.se[1]).toBeCloseTo(golden('lalonde_lin').se, 7);
  });

  it('ols with only the arm dummy reproduces the difference in means and its Neyman SE (HC2 = Neyman)', () => {
    const design = additiveDesign({ ...input, covariates: [] });
    const fit = fitOlsHc2(design.x, y, rows.length, design.columns)!;
    expect(fit.coefficients[1]).toBeCloseTo(1794.34, 2);
    expect(fit.se[1]).toBeCloseTo(671.0, 2);
  });
});

describe('invertSymmetric', () => {
  it('inverts a known matrix and refuses a singular one', () => {
    // [[4, 2], [2, 3]]⁻¹ = [[3, −2], [−2, 4]] / 8
    const inverse = invertSymmetric(Float64Array.from([4, 2, 2, 3]), 2)!;
    [3 / 8, -2 / 8, -2 / 8, 4 / 8].forEach((value, i) => expect(inverse[i]).toBeCloseTo(value, 14));
    expect(invertSymmetric(Float64Array.from([1, 2, 2, 4]), 2)).toBeNull();
  });
});
