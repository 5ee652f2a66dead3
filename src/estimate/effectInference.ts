/**
 * Point estimates, standard errors, bootstrap replicates and jackknife
 * influence sums of every effect cell, for the configured estimator; the
 * common input of intervals, bands, interactions and randomization p-values.
 *
 * `diff` comes straight from the share counts and share replicates (the
 * difference of two shares), so it costs nothing beyond the shares. The
 * regression-type estimators (blocked, ols, lin) refit every cell on each
 * replicate's resample, drawn by StratifiedResampler: the very group counts
 * the share bootstrap drew for that replicate, spread over their persons.
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
import { weightedMeans } from './personOutcomeMeans.js';
import { StratifiedResampler } from './stratifiedResampler.js';
import type { ResampleGroups } from './groupMultinomial.js';
import type { InfluenceSums } from './shareInfluence.js';
import { listedReplicates, sharedClaims } from '../threads/replicateClaims.js';

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
          subtractRows(replicates, cell * B, shareReplicates, cell * B, refCell * B, B);
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

/**
 * into[at + b] = replicates[first + b] − replicates[second + b] for b
 * below B: one cell's replicates minus another's. A function of its own so
 * that V8 optimises this loop at once rather than by replacing its caller
 * on the stack.
 */
export function subtractRows(into: Float64Array, at: number, replicates: Float64Array, first: number, second: number, B: number): void {
  for (let b = 0; b < B; b++) into[at + b] = replicates[first + b] - replicates[second + b];
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
  // Shared memory: the design goes to the randomization worker, and a
  // structured clone of a million persons' values would copy 720 MB.
  const values = new Float64Array(new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT * panel.values.length));
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

/**
 * Refit replicates shared between threads: each thread claims the next
 * replicate from one atomic counter until all B are claimed, so the work
 * balances itself whatever else each thread has to do. A replicate's
 * resample is drawn by StratifiedResampler over the share bootstrap's
 * groups, so its numbers do not depend on the thread that computed it.
 */
export interface RefitJob {
  designs: EffectDesign[];
  estimator: Estimator;
  withMeans: boolean[];
  seed: number;
  replicates: number;
  /** replicateCounters(): the next unclaimed replicate. */
  counter: Int32Array;
  /** The share bootstrap's groups (bootstrapGroups): replicate b is drawn over them. */
  resampling: ResampleGroups;
}

/** The replicates one thread computed: replicate-major, in claim order (indices). */
export interface ClaimedRefits {
  indices: Int32Array;
  replicates: Float64Array[];
  means: (Float64Array | null)[];
}

/** Claims replicates from job.counter until all are claimed; or, given `only`, computes just those. */
export function runClaimedRefits(job: RefitJob, only?: Int32Array): ClaimedRefits {
  const { designs } = job;
  const first = designs[0];
  const resampler = new StratifiedResampler(job.resampling);
  const weights = new Float64Array(first.persons);
  const evaluators = designs.map((design) => createEffectEvaluator(design, job.estimator));
  const meanCells = first.groups.labels.length * first.arms;
  const scratch = { n: new Float64Array(meanCells), mean: new Float64Array(meanCells) };
  const indices: number[] = [];
  const replicates = evaluators.map((e) => new Float64Array(e.cells * job.replicates));
  const means = designs.map((_, k) => (job.withMeans[k] ? new Float64Array(meanCells * job.replicates) : null));
  const claims = only ? listedReplicates(only) : sharedClaims(job.counter, job.replicates, 1);
  for (let b = claims.next(); b >= 0; b = claims.next()) {
    const row = indices.length;
    indices.push(b);
    resampler.draw(job.seed, b, weights);
    evaluators.forEach((evaluator, k) => {
      evaluator.evaluate(designs[k].arm, weights, replicates[k].subarray(row * evaluator.cells, (row + 1) * evaluator.cells));
      const out = means[k];
      if (out) out.set(weightedMeans(designs[k].values, designs[k].arm, designs[k].groups, designs[k].arms, weights, scratch).mean, row * meanCells);
    });
  }
  const count = indices.length;
  return {
    indices: Int32Array.from(indices),
    replicates: replicates.map((r, k) => r.slice(0, count * evaluators[k].cells)),
    means: means.map((m) => (m ? m.slice(0, count * meanCells) : null)),
  };
}

/** Copies claimed rows (replicate-major, row i is replicate indices[i]) into a replicate-major array of B rows. */
export function copyRows(claimed: Float64Array, indices: Int32Array, target: Float64Array, cells: number): void {
  for (let row = 0; row < indices.length; row++) target.set(claimed.subarray(row * cells, (row + 1) * cells), indices[row] * cells);
}

/** target[cell * B + b] = rowMajor[b * cells + cell], in tiles so that both sides stay in cache. */
export function transposeInto(rowMajor: Float64Array, B: number, cells: number, target: Float64Array): void {
  const TILE = 32;
  for (let b0 = 0; b0 < B; b0 += TILE) {
    const b1 = Math.min(B, b0 + TILE);
    for (let c0 = 0; c0 < cells; c0 += TILE) {
      const c1 = Math.min(cells, c0 + TILE);
      for (let cell = c0; cell < c1; cell++) for (let b = b0; b < b1; b++) target[cell * B + b] = rowMajor[b * cells + cell];
    }
  }
}
