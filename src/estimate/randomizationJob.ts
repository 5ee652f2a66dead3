/**
 * Randomization inference of one effect design as a self-contained job, so
 * that it can run on a worker thread while the main thread bootstraps: the
 * design's typed arrays in, p-values per effect cell out. The observed
 * statistic is the same evaluator's value at the observed labels, so T and
 * T* come from one numerical path, on either thread (for `diff`'s sampled
 * permutations, the grouped arithmetic of permutationProfiles.ts gives both).
 */
import { createDifferencePermutations, type DifferencePermutations } from './engine/differencePermutations.js';
import type { EffectDesign, EstimatorName } from './engine/effectDesign.js';
import { effectCell, effectCellCount } from './engine/effectDesign.js';
import { checkDesign, createEffectEvaluator } from './engine/effectEvaluator.js';
import { createPermutationEvaluator } from './engine/permutationEvaluator.js';
import { createDifferenceProfiles } from './engine/permutationProfiles.js';
import { randomizationPValues, type EffectStatistic, type PermutationDesign, type RandomizationPValues } from './randomizationInference.js';

export interface RandomizationJob {
  design: EffectDesign;
  estimator: EstimatorName;
  seed: number;
  permutations: number;
}

export function runRandomizationJob(job: RandomizationJob): RandomizationPValues {
  const { design } = job;
  const S = design.groups.labels.length;
  const cellsOfArm = (a: number) => {
    const cells: number[] = [];
    for (let o = 0; o < design.outcomes; o++) for (let s = 0; s < S; s++) for (let t = 0; t < design.months; t++) cells.push(effectCell(design, o, s, a, t));
    return Int32Array.from(cells);
  };
  const permutationDesign: PermutationDesign = { arm: design.arm, block: design.block, blockCount: design.blocks, arms: design.arms, reference: design.reference };
  if (job.estimator === 'diff') return differencePValues(job, permutationDesign, cellsOfArm);

  // Every permutation has weight 1, so ols can keep what the labels do not change (permutationEvaluator.ts).
  const permuted = createPermutationEvaluator(design, job.estimator);
  const evaluator = permuted ? null : createEffectEvaluator(design, job.estimator);
  const ones = new Float64Array(design.persons).fill(1);
  const statistic = permuted ? (labels: Uint8Array, out: Float64Array) => permuted.evaluate(labels, out) : (labels: Uint8Array, out: Float64Array) => evaluator!.evaluate(labels, ones, out);
  const observed = new Float64Array(permuted?.cells ?? evaluator!.cells);
  statistic(design.arm, observed);
  return randomizationPValues(permutationDesign, observed, statistic, cellsOfArm, job.seed, job.permutations);
}

/**
 * `diff` reads the labels only through counts per group of alike persons,
 * so its sampled permutations are drawn as those (permutationProfiles.ts),
 * which give the observed statistic too. The label-level evaluator, whose
 * set-up costs O(persons × runs), is built only for exact enumeration,
 * which only small designs reach.
 */
function differencePValues(job: RandomizationJob, permutationDesign: PermutationDesign, cellsOfArm: (arm: number) => Int32Array): RandomizationPValues {
  const { design } = job;
  checkDesign(design);
  const profiles = createDifferenceProfiles(design);
  const observed = new Float64Array(effectCellCount(design)).fill(NaN);
  for (let a = 0; a < design.arms; a++) if (a !== design.reference) profiles.forArm(a).observed(observed);
  let labelLevel: DifferencePermutations | null = null;
  const statistic: EffectStatistic = (labels, out) => (labelLevel ??= createDifferencePermutations(design)).evaluate(labels, out);
  return randomizationPValues(permutationDesign, observed, statistic, cellsOfArm, job.seed, job.permutations, (a) => profiles.forArm(a));
}
