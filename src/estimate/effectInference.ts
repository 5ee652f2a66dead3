/**
 * Point estimates, standard errors, bootstrap replicates and jackknife
 * influence sums of every effect cell, for the configured estimator; the
 * common input of intervals, bands, interactions and randomization p-values.
 *
 * `diff` comes straight from the share counts and share replicates (the
 * difference of two shares), so it costs nothing beyond the shares. The
 * regression-type estimators (blocked, ols, lin) refit every cell on each
 * replicate's resample, drawn by StratifiedResampler: the very persons the
 * share bootstrap drew for that replicate.
 */
import type { Estimator } from '../config/types.js';
import { MISSING, type Panel } from '../panel/buildPanel.js';
import type { CovariateMatrix } from './covariateMatrix.js';
import { differenceSe } from './difference.js';
import type { EffectDesign } from './engine/effectDesign.js';
import { createEffectEvaluator, type EffectEvaluator } from './engine/effectEvaluator.js';
import { effectPointEstimates } from './engine/effectPointEstimates.js';
import { nCell, shareCell, shareCellCount, type CellLayout, type SubgroupLayout } from './layout.js';
import type { CellCounts } from './counts.js';
import type { InfluenceSums } from './shareInfluence.js';

export interface EffectInference {
  estimates: Float64Array;
  se: Float64Array;
  /** replicates[cell * B + b]. */
  replicates: Float64Array;
  B: number;
  /** Jackknife influence sums (Σ L², Σ L³) per cell, for BCa; null when not computed. */
  squares: Float64Array | null;
  cubes: Float64Array | null;
}

/** `diff` from the share counts and replicates (effect cells share the share-cell layout). */
export function differenceInference(counts: CellCounts, shareReplicates: Float64Array, B: number, layout: CellLayout, reference: number, influence: InfluenceSums | null): EffectInference {
  const cells = shareCellCount(layout);
  const estimates = new Float64Array(cells).fill(NaN);
  const se = new Float64Array(cells).fill(NaN);
  const replicates = new Float64Array(cells * B).fill(NaN);
  const squares = influence ? new Float64Array(cells) : null;
  const cubes = influence ? new Float64Array(cells) : null;
  for (let o = 0; o < layout.outcomes; o++) {
    for (let s = 0; s < layout.subgroups; s++) {
      for (let a = 0; a < layout.arms; a++) {
        if (a === reference) continue;
        for (let t = 0; t < layout.months; t++) {
          const cell = shareCell(layout, o, s, a, t);
          const refCell = shareCell(layout, o, s, reference, t);
          const n1 = counts.n[nCell(layout, s, a, t)];
          const n0 = counts.n[nCell(layout, s, reference, t)];
          if (n1 === 0 || n0 === 0) continue;
          estimates[cell] = counts.events[cell] / n1 - counts.events[refCell] / n0;
          se[cell] = differenceSe(counts.events[cell], n1, counts.events[refCell], n0) ?? NaN;
          for (let b = 0; b < B; b++) replicates[cell * B + b] = shareReplicates[cell * B + b] - shareReplicates[refCell * B + b];
          if (influence && squares && cubes) {
            squares[cell] = influence.squares[cell] + influence.squares[refCell];
            cubes[cell] = influence.cubes[cell] - influence.cubes[refCell];
          }
        }
      }
    }
  }
  return { estimates, se, replicates, B, squares, cubes };
}

/** The panel's outcomes as an EffectDesign (0/1, NaN where censored). */
export function effectDesignFromPanel(
  panel: Panel,
  arm: Uint8Array,
  block: Int32Array,
  blockCount: number,
  groups: SubgroupLayout,
  arms: number,
  reference: number,
  covariates: CovariateMatrix | null,
): EffectDesign {
  const values = new Float64Array(panel.values.length);
  for (let i = 0; i < values.length; i++) values[i] = panel.values[i] === MISSING ? NaN : panel.values[i];
  return {
    persons: panel.persons,
    arms,
    reference,
    arm,
    block,
    blocks: blockCount,
    covariates: covariates?.values ?? new Float64Array(0),
    covariateCount: covariates?.count ?? 0,
    groups,
    outcomes: panel.outcomes.length,
    months: panel.months.length,
    values,
  };
}

/** A regression-type estimator's point estimates, ready for its replicates. */
export interface RefitInference {
  design: EffectDesign;
  evaluator: EffectEvaluator;
  inference: EffectInference;
}

export function refitInference(design: EffectDesign, estimator: Exclude<Estimator, never>, B: number, withInfluence: boolean): RefitInference {
  const point = effectPointEstimates(design, estimator);
  const evaluator = createEffectEvaluator(design, estimator);
  return {
    design,
    evaluator,
    inference: {
      estimates: point.estimate,
      se: point.se,
      replicates: new Float64Array(evaluator.cells * B).fill(NaN),
      B,
      squares: withInfluence ? point.influenceSquares : null,
      cubes: withInfluence ? point.influenceCubes : null,
    },
  };
}

/** Replicate b of a refit: evaluates on the resample's weights and stores column b. */
export function storeReplicate(refit: RefitInference, weights: Float64Array, b: number, scratch: Float64Array): void {
  refit.evaluator.evaluate(refit.design.arm, weights, scratch);
  const { replicates, B } = refit.inference;
  for (let cell = 0; cell < refit.evaluator.cells; cell++) replicates[cell * B + b] = scratch[cell];
}
