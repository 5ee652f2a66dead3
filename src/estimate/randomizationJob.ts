/**
 * Randomization inference of one effect design as a self-contained job, so
 * that it can run on a worker thread while the main thread bootstraps: the
 * design's typed arrays in, p-values per effect cell out. The observed
 * statistic is the same evaluator's value at the observed labels, so T and
 * T* come from one numerical path, on either thread.
 */
import type { EffectDesign, EstimatorName } from './engine/effectDesign.js';
import { effectCell } from './engine/effectDesign.js';
import { createEffectEvaluator } from './engine/effectEvaluator.js';
import { createPermutationEvaluator } from './engine/permutationEvaluator.js';
import { randomizationPValues, type RandomizationPValues } from './randomizationInference.js';

export interface RandomizationJob {
  design: EffectDesign;
  estimator: EstimatorName;
  seed: number;
  permutations: number;
}

export function runRandomizationJob(job: RandomizationJob): RandomizationPValues {
  const { design } = job;
  // Every permutation has weight 1, so ols can keep what the labels do not change (permutationEvaluator.ts).
  const permuted = createPermutationEvaluator(design, job.estimator);
  const evaluator = permuted ? null : createEffectEvaluator(design, job.estimator);
  const ones = new Float64Array(design.persons).fill(1);
  const statistic = permuted ? (labels: Uint8Array, out: Float64Array) => permuted.evaluate(labels, out) : (labels: Uint8Array, out: Float64Array) => evaluator!.evaluate(labels, ones, out);
  const observed = new Float64Array(permuted?.cells ?? evaluator!.cells);
  statistic(design.arm, observed);
  const S = design.groups.labels.length;
  const cellsOfArm = (a: number) => {
    const cells: number[] = [];
    for (let o = 0; o < design.outcomes; o++) for (let s = 0; s < S; s++) for (let t = 0; t < design.months; t++) cells.push(effectCell(design, o, s, a, t));
    return Int32Array.from(cells);
  };
  const permutationDesign = { arm: design.arm, block: design.block, blockCount: design.blocks, arms: design.arms, reference: design.reference };
  return randomizationPValues(permutationDesign, observed, statistic, cellsOfArm, job.seed, job.permutations);
}
