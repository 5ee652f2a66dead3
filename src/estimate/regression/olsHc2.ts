/**
 * Ordinary least squares with HC2 heteroskedasticity-robust standard errors,
 * as `estimatr::lm_robust(se_type = "HC2")`:
 *   V = (X'X)⁻¹ [Σ xᵢxᵢ' eᵢ² / (1 − hᵢᵢ)] (X'X)⁻¹,  hᵢᵢ = xᵢ'(X'X)⁻¹xᵢ.
 */
import { invertSymmetric } from './cholesky.js';

export interface OlsFit {
  coefficients: Float64Array;
  /** HC2 standard errors; NaN for a coefficient when some leverage is 1. */
  se: Float64Array;
}

/**
 * Fits y on the n × p row-major design `x`. Returns null when X'X is
 * singular (a column is a combination of others, e.g. an empty level).
 */
export function fitOlsHc2(x: Float64Array, y: Float64Array, n: number, p: number): OlsFit | null {
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const row = i * p;
    const yi = y[i];
    for (let a = 0; a < p; a++) {
      const xa = x[row + a];
      if (xa === 0) continue;
      xty[a] += xa * yi;
      for (let b = 0; b <= a; b++) xtx[a * p + b] += xa * x[row + b];
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) xtx[b * p + a] = xtx[a * p + b];
  const bread = invertSymmetric(xtx, p);
  if (bread === null) return null;

  const coefficients = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    let sum = 0;
    for (let b = 0; b < p; b++) sum += bread[a * p + b] * xty[b];
    coefficients[a] = sum;
  }

  const meat = new Float64Array(p * p);
  const bx = new Float64Array(p);
  let degenerate = false;
  for (let i = 0; i < n; i++) {
    const row = i * p;
    let fitted = 0;
    for (let a = 0; a < p; a++) fitted += x[row + a] * coefficients[a];
    const residual = y[i] - fitted;
    // leverage hᵢᵢ = xᵢ' (X'X)⁻¹ xᵢ
    let leverage = 0;
    for (let a = 0; a < p; a++) {
      let sum = 0;
      for (let b = 0; b < p; b++) sum += bread[a * p + b] * x[row + b];
      bx[a] = sum;
      leverage += x[row + a] * sum;
    }
    if (1 - leverage <= 1e-12) {
      if (residual * residual > 0) degenerate = true;
      continue;
    }
    const weight = (residual * residual) / (1 - leverage);
    if (weight === 0) continue;
    for (let a = 0; a < p; a++) {
      const xa = x[row + a] * weight;
      if (xa === 0) continue;
      for (let b = 0; b <= a; b++) meat[a * p + b] += xa * x[row + b];
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) meat[b * p + a] = meat[a * p + b];

  const se = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    // (bread · meat · bread)[a, a]
    let variance = 0;
    for (let b = 0; b < p; b++) {
      let inner = 0;
      for (let c = 0; c < p; c++) inner += meat[b * p + c] * bread[c * p + a];
      variance += bread[a * p + b] * inner;
    }
    se[a] = degenerate ? NaN : Math.sqrt(Math.max(variance, 0));
  }
  return { coefficients, se };
}
