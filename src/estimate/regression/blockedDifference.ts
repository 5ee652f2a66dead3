/**
 * The `blocked` estimator of methods.md, as
 * `estimatr::difference_in_means(y ~ arm, blocks = block)`: within-block
 * differences in means weighted by block size (persons of the two arms
 * compared), SE = sqrt(Σ w_b² (s1b²/n1b + s0b²/n0b)) with n − 1 variances.
 */

export interface BlockedEstimate {
  estimate: number;
  /** NaN when a block has fewer than two persons in an arm (estimatr refuses that design). */
  se: number;
}

/**
 * `treated[i]` is 1 for the arm, 0 for the reference; persons of other arms
 * must already be left out. Blocks with nobody in one of the two arms carry
 * no contrast and are left out, as estimatr does.
 */
export function blockedDifference(y: Float64Array, treated: Uint8Array, block: Int32Array, blocks: number): BlockedEstimate {
  const n = [new Float64Array(blocks), new Float64Array(blocks)];
  const sum = [new Float64Array(blocks), new Float64Array(blocks)];
  const sumSq = [new Float64Array(blocks), new Float64Array(blocks)];
  for (let i = 0; i < y.length; i++) {
    const g = treated[i];
    const b = block[i];
    n[g][b]++;
    sum[g][b] += y[i];
    sumSq[g][b] += y[i] * y[i];
  }
  let total = 0;
  for (let b = 0; b < blocks; b++) if (n[0][b] > 0 && n[1][b] > 0) total += n[0][b] + n[1][b];
  let estimate = 0;
  let variance = 0;
  for (let b = 0; b < blocks; b++) {
    if (n[0][b] === 0 || n[1][b] === 0) continue;
    const weight = (n[0][b] + n[1][b]) / total;
    const mean1 = sum[1][b] / n[1][b];
    const mean0 = sum[0][b] / n[0][b];
    estimate += weight * (mean1 - mean0);
    const var1 = n[1][b] > 1 ? (sumSq[1][b] - n[1][b] * mean1 * mean1) / (n[1][b] - 1) : NaN;
    const var0 = n[0][b] > 1 ? (sumSq[0][b] - n[0][b] * mean0 * mean0) / (n[0][b] - 1) : NaN;
    variance += weight * weight * (var1 / n[1][b] + var0 / n[0][b]);
  }
  return { estimate, se: Math.sqrt(variance) };
}
