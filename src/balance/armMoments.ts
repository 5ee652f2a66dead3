/**
 * Per-arm mean and sample variance (n − 1) of a variable, skipping missing
 * values (NaN), and the standardized mean difference of methods.md.
 */

export interface ArmMoments {
  /** Persons with a value, per arm. */
  n: Float64Array;
  /** Sum of the values (0/1 variables: persons with a 1), per arm. */
  sum: Float64Array;
  mean: Float64Array;
  /** Sample variance with n − 1; NaN below 2 persons. */
  variance: Float64Array;
}

export function armMoments(values: Float64Array, arm: Uint8Array, arms: number): ArmMoments {
  const n = new Float64Array(arms);
  const sum = new Float64Array(arms);
  for (let p = 0; p < values.length; p++) {
    const v = values[p];
    if (Number.isNaN(v)) continue;
    n[arm[p]]++;
    sum[arm[p]] += v;
  }
  const mean = sum.map((s, a) => (n[a] > 0 ? s / n[a] : NaN));
  // Two passes (deviations from the arm mean): no cancellation for large values.
  const squares = new Float64Array(arms);
  for (let p = 0; p < values.length; p++) {
    const v = values[p];
    if (Number.isNaN(v)) continue;
    const d = v - mean[arm[p]];
    squares[arm[p]] += d * d;
  }
  const variance = squares.map((s, a) => (n[a] > 1 ? s / (n[a] - 1) : NaN));
  return { n, sum, mean, variance };
}

/** sqrt((var_arm + var_ref) / 2): the SMD's denominator. */
export function pooledStandardDeviation(varianceArm: number, varianceReference: number): number {
  return Math.sqrt((varianceArm + varianceReference) / 2);
}

/**
 * (mean_arm − mean_ref) / sqrt((var_arm + var_ref) / 2). Null when it is not
 * defined: a variance is missing (fewer than 2 persons) or both are 0.
 */
export function standardizedMeanDifference(meanArm: number, varianceArm: number, meanReference: number, varianceReference: number): number | null {
  const sd = pooledStandardDeviation(varianceArm, varianceReference);
  if (!(sd > 0) || !Number.isFinite(sd) || !Number.isFinite(meanArm) || !Number.isFinite(meanReference)) return null;
  return (meanArm - meanReference) / sd;
}

/** The balance flag of methods.md. */
export const SMD_FLAG_THRESHOLD = 0.1;

export function isImbalanced(smd: number): boolean {
  return Math.abs(smd) > SMD_FLAG_THRESHOLD;
}
