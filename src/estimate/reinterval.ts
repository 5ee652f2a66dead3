/**
 * Another interval method or level for estimates that kept their bootstrap
 * replicates (estimate({ keepReplicates: true })): recomputes every share,
 * effect and interaction interval from the stored replicates and influence
 * sums, without resampling. Means of person-level outcomes use acceleration
 * 0 under `bca` (a bias-corrected percentile interval).
 *
 * @example
 * const kept = estimate({ ...input, keepReplicates: true });
 * const bca90 = reinterval(kept, 'bca', 0.9);
 */
import type { CiMethod } from '../config/types.js';
import { bootstrapInterval } from './bootstrapInterval.js';
import { subtractRows, type EffectInference } from './effectInference.js';
import type { Estimates } from './estimate.js';
import { accelerationFromSums } from './shareInfluence.js';

export function reinterval(estimates: Estimates, method: CiMethod, level: number): Estimates {
  const kept = estimates.replicates;
  if (!kept) throw new RangeError('reinterval needs estimates made with keepReplicates: true');
  const { B } = kept;
  const scratch = new Float64Array(B);
  const sourceOf = (source: number): EffectInference => (source < 0 ? kept.effects : kept.personEffects[source]);
  const accelerationOf = (inference: EffectInference, squares: number, cubes: number) => (inference.squares ? accelerationFromSums(squares, cubes) : 0);

  const shares = estimates.shares.map((row, cell) => {
    const ci = row.share === null ? null : bootstrapInterval(method, row.share, kept.shares.subarray(cell * B, (cell + 1) * B), level, kept.shareSquares && kept.shareCubes ? accelerationFromSums(kept.shareSquares[cell], kept.shareCubes[cell]) : 0, scratch);
    return { ...row, ci_low: ci ? ci.low : null, ci_high: ci ? ci.high : null };
  });
  const effects = estimates.effects.map((row, i) => {
    const { source, cell } = kept.effectRows[i];
    const inference = sourceOf(source);
    const ci = row.estimate === null ? null : bootstrapInterval(method, row.estimate, inference.replicates.subarray(cell * B, (cell + 1) * B), level, accelerationOf(inference, inference.squares?.[cell] ?? 0, inference.cubes?.[cell] ?? 0), scratch);
    return { ...row, ci_low: ci ? ci.low : null, ci_high: ci ? ci.high : null };
  });
  const difference = new Float64Array(B);
  const interactions = estimates.interactions.map((row, i) => {
    const { source, first, second } = kept.interactionRows[i];
    const inference = sourceOf(source);
    subtractRows(difference, 0, inference.replicates, first * B, second * B, B);
    const squares = (inference.squares?.[first] ?? 0) + (inference.squares?.[second] ?? 0);
    const cubes = (inference.cubes?.[first] ?? 0) - (inference.cubes?.[second] ?? 0);
    const ci = row.estimate === null ? null : bootstrapInterval(method, row.estimate, difference, level, accelerationOf(inference, squares, cubes), scratch);
    return { ...row, ci_low: ci ? ci.low : null, ci_high: ci ? ci.high : null };
  });
  const personOutcomes = estimates.personOutcomes.map((row, i) => {
    const { source, cell } = kept.personMeanRows[i];
    const ci = row.mean === null ? null : bootstrapInterval(method, row.mean, kept.personMeans[source].subarray(cell * B, (cell + 1) * B), level, 0, scratch);
    return { ...row, ci_low: ci ? ci.low : null, ci_high: ci ? ci.high : null };
  });
  return { ...estimates, shares, effects, interactions, personOutcomes };
}
