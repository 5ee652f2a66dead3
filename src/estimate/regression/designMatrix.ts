/**
 * Design matrices for the regression estimators of methods.md, built as R's
 * model.matrix builds them: an intercept, one dummy per non-reference arm,
 * one dummy per block but the first, numeric covariates as they are and a
 * categorical covariate as one dummy per level but the first.
 */

/** A covariate column: numbers (NaN missing) or category codes (−1 missing). */
export type CovariateColumn = { kind: 'numeric'; values: Float64Array } | { kind: 'categorical'; codes: Int32Array; levels: number };

export interface DesignInput {
  persons: number;
  /** Arm index per person; arm 0 is the reference. */
  arm: Uint8Array;
  arms: number;
  /** Block index per person, or null for no block. */
  block: Int32Array | null;
  blocks: number;
  covariates: CovariateColumn[];
}

export interface Design {
  x: Float64Array;
  columns: number;
  /** Column of each non-reference arm's dummy (index a − 1 for arm a). */
  armColumns: number[];
}

/** Covariate columns expanded to numbers (dummies for categories and blocks). */
function expandedCovariates(input: DesignInput, includeBlock: boolean): Float64Array[] {
  const columns: Float64Array[] = [];
  const dummies = (codes: Int32Array, levels: number) => {
    for (let level = 1; level < levels; level++) {
      const column = new Float64Array(input.persons);
      for (let p = 0; p < input.persons; p++) column[p] = codes[p] === level ? 1 : 0;
      columns.push(column);
    }
  };
  if (includeBlock && input.block) dummies(input.block, input.blocks);
  for (const covariate of input.covariates) {
    if (covariate.kind === 'numeric') columns.push(covariate.values);
    else dummies(covariate.codes, covariate.levels);
  }
  return columns;
}

/** `y ~ arm + block + covariates` (estimatr::lm_robust). */
export function additiveDesign(input: DesignInput): Design {
  const extra = expandedCovariates(input, true);
  const columns = 1 + (input.arms - 1) + extra.length;
  const x = new Float64Array(input.persons * columns);
  for (let p = 0; p < input.persons; p++) {
    const row = p * columns;
    x[row] = 1;
    if (input.arm[p] > 0) x[row + input.arm[p]] = 1;
    for (let k = 0; k < extra.length; k++) x[row + input.arms + k] = extra[k][p];
  }
  return { x, columns, armColumns: Array.from({ length: input.arms - 1 }, (_, a) => 1 + a) };
}

/**
 * Lin (2013): `y ~ arm * centred(covariates + block)` (estimatr::lm_lin):
 * covariates centred on their overall means and interacted with every
 * non-reference arm's dummy.
 */
export function linDesign(input: DesignInput): Design {
  const extra = expandedCovariates(input, true).map((column) => {
    let mean = 0;
    for (let p = 0; p < input.persons; p++) mean += column[p];
    mean /= input.persons;
    return column.map((v) => v - mean);
  });
  const treated = input.arms - 1;
  const columns = 1 + treated + extra.length * (1 + treated);
  const x = new Float64Array(input.persons * columns);
  for (let p = 0; p < input.persons; p++) {
    const row = p * columns;
    x[row] = 1;
    const a = input.arm[p];
    if (a > 0) x[row + a] = 1;
    for (let k = 0; k < extra.length; k++) {
      const base = row + 1 + treated + k * (1 + treated);
      x[base] = extra[k][p];
      if (a > 0) x[base + a] = extra[k][p];
    }
  }
  return { x, columns, armColumns: Array.from({ length: treated }, (_, a) => 1 + a) };
}
