/**
 * Cholesky factor, skipping aliased columns, of a cross-product matrix from
 * which the block fixed effects have been absorbed (Schur complement
 * M = Σ w z zᵀ − Σ_k S_k S_kᵀ / W_k).
 *
 * factorSkipping judges a column by its pivot relative to its own diagonal,
 * but here the diagonal is already the result of a subtraction: a column
 * that lies in the span of the block indicators (a covariate constant within
 * blocks, an arm that never shares a block with another) keeps a diagonal of
 * rounding dust, which factorSkipping would take for a genuine column. Such
 * a column is first judged against its diagonal before absorption and
 * cleared when absorption removed all but a 1e-9 share of it, the same
 * relative tolerance factorSkipping applies to earlier columns.
 */
import { factorSkipping } from '../regression/cholesky.js';

export const ALIAS_TOLERANCE = 1e-9;

/**
 * `m`: p × p row-major, lower triangle filled, overwritten where columns are
 * cleared; `unabsorbed[j]`: column j's diagonal before absorption. Writes the
 * factor into `l` and 1/0 into `kept`.
 */
export function factorAbsorbed(m: Float64Array, unabsorbed: Float64Array, p: number, l: Float64Array, kept: Uint8Array): void {
  for (let j = 0; j < p; j++) {
    if (m[j * p + j] > ALIAS_TOLERANCE * unabsorbed[j]) continue;
    for (let i = 0; i < p; i++) {
      m[j * p + i] = 0;
      m[i * p + j] = 0;
    }
  }
  factorSkipping(m, p, l, kept, ALIAS_TOLERANCE);
}
