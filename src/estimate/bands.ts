/**
 * Sup-t simultaneous bands (methods.md, multiplicity) for every effect
 * curve: one outcome × subgroup × arm over the follow-up months (month ≥ 1;
 * pre-randomization months are placebo checks, not part of the curve).
 * Months whose estimate is not estimable stay out of the curve; replicates
 * with a non-finite value at any month of the curve are left out, so every
 * replicate enters the maximum over the same months.
 */
import { supTBand } from './multiplicity.js';

export interface CurveLayout {
  /** Effect curves are outcomes × subgroups × arms, each `months` cells long (effect-cell layout). */
  curves: number;
  months: Int32Array;
  /** Arm index of curve c (to skip the reference's). */
  armOfCurve(curve: number): number;
  reference: number;
}

export interface Bands {
  low: Float64Array;
  high: Float64Array;
}

export function effectBands(estimates: Float64Array, replicates: Float64Array, B: number, layout: CurveLayout, level: number): Bands {
  const T = layout.months.length;
  const low = new Float64Array(estimates.length).fill(NaN);
  const high = new Float64Array(estimates.length).fill(NaN);
  const points = new Int32Array(T);
  const curveEstimates = new Float64Array(T);
  const curveReplicates = new Float64Array(T * B);
  for (let c = 0; c < layout.curves; c++) {
    if (layout.armOfCurve(c) === layout.reference) continue;
    let count = 0;
    for (let t = 0; t < T; t++) if (layout.months[t] >= 1 && Number.isFinite(estimates[c * T + t])) points[count++] = c * T + t;
    if (count === 0) continue;
    for (let i = 0; i < count; i++) curveEstimates[i] = estimates[points[i]];
    if (allFinite(replicates, points, count, B)) {
      // The usual case: the curve's replicate rows are already contiguous and complete.
      const band = supTBand(curveEstimates.subarray(0, count), replicates.subarray(points[0] * B, (points[0] + count) * B), B, level);
      for (let i = 0; i < count; i++) {
        low[points[i]] = band.low[i];
        high[points[i]] = band.high[i];
      }
      continue;
    }
    let kept = 0;
    for (let b = 0; b < B; b++) {
      let finite = true;
      for (let i = 0; i < count && finite; i++) finite = Number.isFinite(replicates[points[i] * B + b]);
      if (!finite) continue;
      for (let i = 0; i < count; i++) curveReplicates[i * B + kept] = replicates[points[i] * B + b];
      kept++;
    }
    if (kept < 2) continue;
    // supTBand reads replicates point-major with stride `kept`: compact them.
    const compact = new Float64Array(count * kept);
    for (let i = 0; i < count; i++) compact.set(curveReplicates.subarray(i * B, i * B + kept), i * kept);
    const band = supTBand(curveEstimates.subarray(0, count), compact, kept, level);
    for (let i = 0; i < count; i++) {
      low[points[i]] = band.low[i];
      high[points[i]] = band.high[i];
    }
  }
  return { low, high };
}

/** Whether the points are consecutive cells whose replicates are all finite (read row by row). */
function allFinite(replicates: Float64Array, points: Int32Array, count: number, B: number): boolean {
  for (let i = 0; i < count; i++) {
    if (points[i] !== points[0] + i) return false;
    const row = points[i] * B;
    for (let b = 0; b < B; b++) if (!Number.isFinite(replicates[row + b])) return false;
  }
  return true;
}
