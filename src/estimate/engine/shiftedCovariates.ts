/**
 * Covariates as the accumulation uses them: each column shifted by a
 * constant, and each person's nonzero entries listed.
 *
 * Shifting a column by a constant changes no arm coefficient of `ols` or
 * `lin` (the intercept and block effects absorb it; lin predicts at the
 * means), and leaves the block-absorbed cross products unchanged in exact
 * arithmetic. The shift is chosen for the floating-point side:
 *  - a column with a value shared by more than half the persons (a dummy, an
 *    earnings column with many zeros) is shifted by that value, so most of
 *    its entries are 0 and the cross products of a person cost
 *    O(nonzeros²) instead of O(C²): dummies dominate the expanded columns.
 *    Then (mean − mode)² ≤ variance, so the raw sums keep their digits;
 *  - any other column is centred on its mean, so years or earnings far from
 *    0 do not cancel digits in Σ w c cᵀ − S Sᵀ / W.
 */

export interface ShiftedCovariates {
  columns: number;
  /** Shifted values, person-major. */
  dense: Float64Array;
  /** Nonzero entries of person p: index/value[start[p] … start[p + 1] − 1], by ascending column. */
  start: Int32Array;
  index: Int32Array;
  value: Float64Array;
}

export function shiftCovariates(covariates: Float64Array, persons: number, columns: number): ShiftedCovariates {
  const dense = new Float64Array(persons * columns);
  for (let j = 0; j < columns; j++) {
    const shift = dominantValue(covariates, persons, columns, j) ?? mean(covariates, persons, columns, j);
    for (let p = 0; p < persons; p++) dense[p * columns + j] = covariates[p * columns + j] - shift;
  }
  const start = new Int32Array(persons + 1);
  let nonzero = 0;
  for (let p = 0; p < persons; p++) {
    for (let j = 0; j < columns; j++) if (dense[p * columns + j] !== 0) nonzero++;
    start[p + 1] = nonzero;
  }
  const index = new Int32Array(nonzero);
  const value = new Float64Array(nonzero);
  let n = 0;
  for (let p = 0; p < persons; p++) {
    for (let j = 0; j < columns; j++) {
      const v = dense[p * columns + j];
      if (v === 0) continue;
      index[n] = j;
      value[n++] = v;
    }
  }
  return { columns, dense, start, index, value };
}

/** The value held by more than half the persons in column j, if there is one (Boyer–Moore majority vote). */
function dominantValue(x: Float64Array, persons: number, columns: number, j: number): number | null {
  let candidate = NaN;
  let votes = 0;
  for (let p = 0; p < persons; p++) {
    const v = x[p * columns + j];
    if (votes === 0) candidate = v;
    votes += v === candidate ? 1 : -1;
  }
  let count = 0;
  for (let p = 0; p < persons; p++) if (x[p * columns + j] === candidate) count++;
  return 2 * count > persons ? candidate : null;
}

function mean(x: Float64Array, persons: number, columns: number, j: number): number {
  let sum = 0;
  for (let p = 0; p < persons; p++) sum += x[p * columns + j];
  return persons > 0 ? sum / persons : 0;
}
