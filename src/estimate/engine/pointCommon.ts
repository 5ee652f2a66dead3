/**
 * Pieces shared by the point estimators of effectPointEstimates: the row-set
 * context, reusable scratch buffers, the aliasing-aware factorisation of the
 * within-block cross products, and the BCa acceleration from accumulated
 * power sums of the jackknife values.
 */
import { factorSkipping } from '../regression/cholesky.js';
import type { EffectDesign } from './effectDesign.js';
import { effectCell } from './effectDesign.js';
import type { EffectPointEstimates } from './effectPointEstimates.js';

/**
 * 1 − h below this is a leverage of one: the person's residual is zero by
 * construction and leaving them out changes which columns are estimable, so
 * the rank-one leave-one-out formula (division by 1 − h) does not apply.
 */
export const LEVERAGE_ONE = 1e-9;

/**
 * Below this 1 − h the rank-one leave-one-out update divides by a number
 * known to few digits: such a person is refitted instead (few persons can
 * have a leverage near one: Σ h = rank).
 */
export const LEVERAGE_REFIT = 1e-6;

/**
 * Below this 1 − h the leverage is recomputed as |L⁻¹ g̃|² from the person's
 * dense demeaned row: the sparse expansion gᵀWg − 2 gᵀWḡ + ḡᵀWḡ cancels.
 */
export const LEVERAGE_RECOMPUTE = 1e-3;

/**
 * A column whose within-block sum of squares is below this share of its raw
 * sum of squares is aliased with the blocks (e.g. a covariate that is
 * constant in a subgroup): demeaning leaves rounding noise, which the pivot
 * test of factorSkipping (relative to the demeaned norm) would keep as signal.
 * The same share as factorSkipping's default pivot tolerance.
 */
export const ALIAS_TOLERANCE = 1e-9;

/**
 * A leverage-one person whose weight in a coefficient is below this share of
 * the weight vector's norm does not enter that coefficient (rounding noise of
 * an exact zero, as for a person alone in a block).
 */
export const WEIGHT_NOISE = 1e-7;

/** One row set (subgroup level s, month t) and where its cells go. */
export interface RowSetContext {
  design: EffectDesign;
  s: number;
  t: number;
  /** Persons of the row set, ascending. */
  rows: Int32Array;
  /** Outcomes whose row set (observed persons) this is. */
  outcomes: readonly number[];
  /**
   * Month t's values, outcome-major (month[o * persons + p]): a copy made
   * once per month, because design.values is person-major and reading one
   * value per person from it touches a cache line per person.
   */
  month: Float64Array;
  /** Persons per arm × block over the whole trial (arm * blocks + block): the bootstrap's strata. */
  strata: Int32Array;
  out: EffectPointEstimates;
  ws: PointWorkspace;
  /** The covariates, shifted and sparse (see sparseCovariates). */
  sparse: SparseCovariates;
  /** Receives every nonzero jackknife value L (tests compare them with boot's empinf). */
  visit?: InfluenceVisitor;
}

export type InfluenceVisitor = (o: number, s: number, a: number, t: number, person: number, l: number) => void;

/** Grows-only scratch buffers, so a run over many row sets allocates once per size. Contents are not cleared. */
export class PointWorkspace {
  private readonly f64s = new Map<string, Float64Array>();
  private readonly u8s = new Map<string, Uint8Array>();

  f64(key: string, size: number): Float64Array {
    let buffer = this.f64s.get(key);
    if (!buffer || buffer.length < size) {
      buffer = new Float64Array(Math.max(size, 1));
      this.f64s.set(key, buffer);
    }
    return buffer.subarray(0, size);
  }

  zeros(key: string, size: number): Float64Array {
    return this.f64(key, size).fill(0);
  }

  u8(key: string, size: number): Uint8Array {
    let buffer = this.u8s.get(key);
    if (!buffer || buffer.length < size) {
      buffer = new Uint8Array(Math.max(size, 1));
      this.u8s.set(key, buffer);
    }
    return buffer.subarray(0, size);
  }
}

export function blockCount(design: EffectDesign): number {
  return Math.max(design.blocks, 1);
}

/** Σ y² over the row set. */
export function sumOfSquares(y: Float64Array, rows: Int32Array): number {
  let total = 0;
  for (let i = 0; i < rows.length; i++) total += y[rows[i]] * y[rows[i]];
  return total;
}

/** Outcome o of month t for every person (indexed by person), from the month's outcome-major copy. */
export function outcomeOf(ctx: Pick<RowSetContext, 'design' | 'month'>, o: number): Float64Array {
  return ctx.month.subarray(o * ctx.design.persons, (o + 1) * ctx.design.persons);
}

/**
 * Jackknife values whose Σ L² is below this share of Σ y² over the row set
 * are rounding noise (e.g. an exactly identified fit, where every
 * leave-one-out estimate equals the estimate): the acceleration from them
 * would be an arbitrary number, so they count as 0.
 */
export const INFLUENCE_NOISE = 1e-20;

/**
 * Writes a cell: its estimate, SE and the power sums Σ L², Σ L³ of its
 * jackknife values; `outcomeSquares` is Σ y² over the row set (the scale of
 * rounding noise in L).
 */
export function writeCell(ctx: RowSetContext, o: number, a: number, estimate: number, se: number, sumSquares: number, sumCubes: number, outcomeSquares: number): void {
  const cell = effectCell(ctx.design, o, ctx.s, a, ctx.t);
  if (sumSquares <= INFLUENCE_NOISE * outcomeSquares) {
    sumSquares = 0;
    sumCubes = 0;
  }
  ctx.out.estimate[cell] = estimate;
  ctx.out.se[cell] = se;
  ctx.out.acceleration[cell] = accelerationOf(sumSquares, sumCubes);
  ctx.out.influenceSquares[cell] = sumSquares;
  ctx.out.influenceCubes[cell] = sumCubes;
}

/**
 * a = Σ L³ / (6 (Σ L²)^{3/2}) from the power sums (intervals.ts's
 * accelerationFromInfluence without materialising L); 0 when every L is 0,
 * NaN when some leave-one-out estimate was not estimable.
 */
export function accelerationOf(sumSquares: number, sumCubes: number): number {
  if (Number.isNaN(sumSquares) || Number.isNaN(sumCubes)) return NaN;
  return sumSquares === 0 ? 0 : sumCubes / (6 * Math.pow(sumSquares, 1.5));
}

/**
 * factorSkipping of the p × p within-block cross product `s` (lower triangle
 * read; not modified), after dropping every column whose within-block sum of
 * squares is negligible next to its raw sum of squares `raw` (aliased with
 * the blocks). `work` receives the copy that is factored.
 */
export function factorWithin(
  s: Float64Array,
  raw: ArrayLike<number>,
  p: number,
  work: Float64Array,
  l: Float64Array,
  kept: Uint8Array,
): number {
  work.set(s.subarray(0, p * p));
  for (let j = 0; j < p; j++) {
    if (work[j * p + j] > ALIAS_TOLERANCE * raw[j]) continue;
    for (let i = 0; i < p; i++) {
      work[j * p + i] = 0;
      work[i * p + j] = 0;
    }
  }
  return factorSkipping(work, p, l, kept);
}

/**
 * Which arms are linked to the reference through blocks in which both have
 * persons (directly or through other arms): only then is an arm's
 * coefficient, after absorbing the blocks, a contrast with the reference.
 * `cells[a * blocks + k]` counts arm a's persons in block k.
 */
export function connectedToReference(cells: ArrayLike<number>, arms: number, blocks: number, reference: number): Uint8Array {
  const reached = new Uint8Array(arms);
  const blockSeen = new Uint8Array(blocks);
  let armPresent = false;
  for (let k = 0; k < blocks; k++) if (cells[reference * blocks + k] > 0) armPresent = true;
  if (!armPresent) return reached;
  reached[reference] = 1;
  const queue = [reference];
  while (queue.length > 0) {
    const a = queue.pop()!;
    for (let k = 0; k < blocks; k++) {
      if (blockSeen[k] || cells[a * blocks + k] === 0) continue;
      blockSeen[k] = 1;
      for (let b = 0; b < arms; b++) {
        if (!reached[b] && cells[b * blocks + k] > 0) {
          reached[b] = 1;
          queue.push(b);
        }
      }
    }
  }
  return reached;
}

/**
 * L⁻¹ of a factor from factorSkipping (rows and columns of skipped columns
 * 0), so that a person's z = L⁻¹ g̃ gives the leverage |z|² and
 * S⁻¹ g̃ = L⁻ᵀ z without a branchy triangular solve per person. Hand-coded
 * like cholesky.ts: the matrix is p × p with p the arms and covariates.
 */
export function inverseLower(l: Float64Array, kept: Uint8Array, p: number, out: Float64Array): void {
  out.fill(0, 0, p * p);
  for (let j = 0; j < p; j++) {
    if (!kept[j]) continue;
    out[j * p + j] = 1 / l[j * p + j];
    for (let i = j + 1; i < p; i++) {
      if (!kept[i]) continue;
      let sum = 0;
      for (let k = j; k < i; k++) sum -= l[i * p + k] * out[k * p + j];
      out[i * p + j] = sum / l[i * p + i];
    }
  }
}

/**
 * The covariates shifted by each column's median and stored sparsely
 * (person p's nonzero shifted values are value[start[p] … start[p + 1] − 1],
 * columns index[…] ascending). Dummies keep their zeros (median 0, or 1 for
 * a common level, which then flips which level is stored), so cross
 * products cost the nonzeros² of a person instead of the columns²; a numeric
 * column is centred, so Σ x xᵀ − n x̄ x̄ᵀ over a block cancels little. A
 * shift leaves every within-block quantity unchanged.
 */
export interface SparseCovariates {
  shift: Float64Array;
  start: Int32Array;
  index: Int32Array;
  value: Float64Array;
}

export function sparseCovariates(design: EffectDesign): SparseCovariates {
  const P = design.persons;
  const c = design.covariateCount;
  const shift = new Float64Array(c);
  const column = new Float64Array(P);
  for (let j = 0; j < c; j++) {
    for (let p = 0; p < P; p++) column[p] = design.covariates[p * c + j];
    column.sort();
    shift[j] = P > 0 ? column[Math.floor(P / 2)] : 0;
  }
  const start = new Int32Array(P + 1);
  for (let p = 0; p < P; p++) {
    let count = 0;
    for (let j = 0; j < c; j++) if (design.covariates[p * c + j] !== shift[j]) count++;
    start[p + 1] = start[p] + count;
  }
  const index = new Int32Array(start[P]);
  const value = new Float64Array(start[P]);
  for (let p = 0, e = 0; p < P; p++) {
    for (let j = 0; j < c; j++) {
      const v = design.covariates[p * c + j] - shift[j];
      if (v === 0) continue;
      index[e] = j;
      value[e++] = v;
    }
  }
  return { shift, start, index, value };
}
