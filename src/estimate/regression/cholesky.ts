/**
 * Inverse of a small symmetric positive-definite matrix (the p × p cross
 * product X'X of a regression, p ≈ arms + blocks + covariates) by Cholesky
 * decomposition. Hand-coded: none of the project's libraries does dense
 * linear algebra, and p stays small (tens), so O(p³) is negligible next to
 * the O(n p²) cross products.
 */

/** Returns the inverse of the p × p row-major matrix `a`, or null when it is singular. */
export function invertSymmetric(a: Float64Array, p: number): Float64Array | null {
  const l = new Float64Array(p * p);
  // Relative pivot tolerance: a column that is (numerically) a combination of
  // earlier ones makes the design rank-deficient.
  let scale = 0;
  for (let i = 0; i < p; i++) scale = Math.max(scale, Math.abs(a[i * p + i]));
  const tolerance = scale * 1e-12;
  for (let j = 0; j < p; j++) {
    let diagonal = a[j * p + j];
    for (let k = 0; k < j; k++) diagonal -= l[j * p + k] * l[j * p + k];
    if (!(diagonal > tolerance)) return null;
    const ljj = Math.sqrt(diagonal);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let sum = a[i * p + j];
      for (let k = 0; k < j; k++) sum -= l[i * p + k] * l[j * p + k];
      l[i * p + j] = sum / ljj;
    }
  }
  // inv(L) by forward substitution, then inv(A) = inv(L)' inv(L).
  const li = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    li[j * p + j] = 1 / l[j * p + j];
    for (let i = j + 1; i < p; i++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= l[i * p + k] * li[k * p + j];
      li[i * p + j] = sum / l[i * p + i];
    }
  }
  const inverse = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = i; k < p; k++) sum += li[k * p + i] * li[k * p + j];
      inverse[i * p + j] = sum;
      inverse[j * p + i] = sum;
    }
  }
  return inverse;
}

/**
 * Cholesky factorisation of a symmetric positive semi-definite p × p matrix
 * (row-major, lower triangle read) that skips aliased columns, as R's lm
 * drops a column that is a linear combination of earlier ones: column j is
 * kept when its pivot exceeds `relativeTolerance` times its own diagonal
 * (the squared norm it had before earlier columns were projected out).
 * Writes the factor's lower triangle into `l` and 1/0 into `kept`; returns
 * the number of kept columns. Allocates nothing.
 */
export function factorSkipping(a: Float64Array, p: number, l: Float64Array, kept: Uint8Array, relativeTolerance = 1e-9): number {
  let rank = 0;
  for (let j = 0; j < p; j++) {
    let diagonal = a[j * p + j];
    for (let k = 0; k < j; k++) if (kept[k]) diagonal -= l[j * p + k] * l[j * p + k];
    const original = a[j * p + j];
    if (!(original > 0) || !(diagonal > relativeTolerance * original)) {
      kept[j] = 0;
      for (let i = j; i < p; i++) l[i * p + j] = 0;
      continue;
    }
    kept[j] = 1;
    rank++;
    const ljj = Math.sqrt(diagonal);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let sum = a[i * p + j];
      for (let k = 0; k < j; k++) if (kept[k]) sum -= l[i * p + k] * l[j * p + k];
      l[i * p + j] = sum / ljj;
    }
  }
  return rank;
}

/**
 * Solves A x = b with the factor from factorSkipping; aliased coefficients
 * are 0 (the column is left out of the model). `x` may be `b`.
 */
export function solveFactored(l: Float64Array, kept: Uint8Array, p: number, b: Float64Array, x: Float64Array): void {
  // forward: L z = b (over kept columns)
  for (let i = 0; i < p; i++) {
    if (!kept[i]) {
      x[i] = 0;
      continue;
    }
    let sum = b[i];
    for (let k = 0; k < i; k++) if (kept[k]) sum -= l[i * p + k] * x[k];
    x[i] = sum / l[i * p + i];
  }
  // backward: L' x = z
  for (let i = p - 1; i >= 0; i--) {
    if (!kept[i]) continue;
    let sum = x[i];
    for (let k = i + 1; k < p; k++) if (kept[k]) sum -= l[k * p + i] * x[k];
    x[i] = sum / l[i * p + i];
  }
}
