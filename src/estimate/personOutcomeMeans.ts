/**
 * Means of a person-level outcome (config.personOutcomes) by subgroup level
 * and arm, for the point estimate and for a bootstrap replicate's weights.
 * Persons without a value (NaN) are left out, as censored months are.
 */
import type { SubgroupLayout } from './layout.js';

export interface WeightedMeans {
  /** Per subgroup × arm (s * A + a). */
  n: Float64Array;
  mean: Float64Array;
}

export function weightedMeans(values: Float64Array, arm: Uint8Array, groups: SubgroupLayout, arms: number, weights: Float64Array | null, out?: WeightedMeans): WeightedMeans {
  const cells = groups.labels.length * arms;
  const n = out?.n ?? new Float64Array(cells);
  const mean = out?.mean ?? new Float64Array(cells);
  n.fill(0);
  mean.fill(0);
  for (let p = 0; p < values.length; p++) {
    const w = weights ? weights[p] : 1;
    const y = values[p];
    if (w === 0 || Number.isNaN(y)) continue;
    for (let k = 0; k < groups.slots; k++) {
      const s = groups.memberships[p * groups.slots + k];
      if (s < 0) continue;
      n[s * arms + arm[p]] += w;
      mean[s * arms + arm[p]] += w * y;
    }
  }
  for (let c = 0; c < cells; c++) mean[c] = n[c] > 0 ? mean[c] / n[c] : NaN;
  return { n, mean };
}
