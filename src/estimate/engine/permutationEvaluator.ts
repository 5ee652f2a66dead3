/**
 * Every effect estimate under relabelled arms with every weight 1: the
 * statistic of randomization inference, which re-estimates all effect cells
 * for thousands of permuted labellings. Gives what
 * createEffectEvaluator(design, estimator).evaluate(labels, ones, out) gives
 * (the same columns kept and dropped, estimates equal up to rounding), for
 * any labels, permuted within blocks or not.
 *
 * For `ols` most of a row set's absorbed system does not depend on the
 * labels (permutationInvariants.ts: the block sizes, C̃ and the covariates'
 * right-hand sides r̃). A labelling only moves each arm's per-block counts
 * n_kd, covariate sums and outcome sums (permutationStatistics.ts; the
 * counts and covariate sums of a month with the previous month's persons
 * are read where they were last written, at personsRow), from which the arm
 * rows of the system follow:
 *
 *   M_dd = diag(n_d) − Σ_k n_k n_kᵀ / W_k,   M_cd = Σ_d c − Σ_k (S_k / W_k) n_kd,
 *   r_d = Σ_d y − Σ_k n_kd E_k / W_k,
 *   β_d = (M_dd − M_dc C̃⁻¹ M_cd)⁻¹ (r_d − M_dc C̃⁻¹ r̃),
 *
 * With C̃'s factor L and L⁻¹ r̃ stored, M_dc C̃⁻¹ M_cd = VᵀV and
 * M_dc C̃⁻¹ r̃ = Vᵀ L⁻¹ r̃ take one triangular solve per arm column
 * (V = L⁻¹ M_cd), and only for the columns whose persons changed: in a
 * permutation among one arm and the reference, that arm's alone.
 *
 * That elimination takes the covariates first, but olsSolver drops aliased
 * columns in the order blocks, arms, covariates: a covariate that the arms
 * make redundant (in a small row set a dummy can coincide with an arm's
 * persons under one permutation and not another) is dropped there and kept
 * here. So the covariates' pivots in olsSolver's order are checked first:
 * by the determinant identity, covariate j's pivot after the arms and the
 * earlier covariates is its pivot after the earlier covariates alone times
 * 1 − v_jᵀ S_{j−1}⁻¹ v_j, with v_j row j of V and S_{j−1} the arm block
 * after covariates 1 … j − 1 (updated by Sherman–Morrison). Where every
 * covariate is clearly kept or clearly aliased (KEPT_SHARE, DROPPED_SHARE),
 * both orders keep the same columns and the short path's estimates are
 * the general solver's; otherwise the row set is solved in full, assembled
 * in olsSolver's order and factored by the same factorAbsorbed. Arm columns
 * are judged, in both paths, by factorAbsorbed on the arm block alone,
 * which is where olsSolver judges them (they come first).
 *
 * Hand-coded for the reason olsSolver is: the point is to solve from a few
 * accumulated sums, which no regression library offers.
 *
 * Other estimators have no fast path: `lin` fits each arm separately (its
 * cross products move with every relabelling), and `diff` and `blocked`
 * already cost little; the caller uses createEffectEvaluator for them.
 */
import { factorSkipping, solveFactored } from '../regression/cholesky.js';
import { factorAbsorbed } from './absorbedFactor.js';
import { effectCellCount, type EffectDesign, type EstimatorName } from './effectDesign.js';
import { checkDesign, samePersonsAsPreviousMonth } from './effectEvaluator.js';
import { findPersonRuns } from './personRuns.js';
import { computeInvariants, forwardSolve, KEPT_SHARE, type Invariants } from './permutationInvariants.js';
import { ArmSums, armSumLayout, personMonths } from './permutationStatistics.js';
import { createDifferencePermutations } from './differencePermutations.js';
import { createRowSetKeys } from './rowSetKeys.js';
import { cellIndex, writeNotEstimable, type CellShape } from './rowSetSolver.js';
import { shiftCovariates } from './shiftedCovariates.js';

export interface PermutationEvaluator {
  /** O * S * A * T (effectCellCount). */
  readonly cells: number;
  /**
   * Every effect estimate for arm labels `arm`, every weight 1; out as
   * EffectEvaluator.evaluate writes it (NaN for the reference arm and where
   * not estimable). Allocates nothing.
   */
  evaluate(arm: Uint8Array, out: Float64Array): void;
}

/** Re-estimates every effect cell under permuted arm labels with every weight 1; exact, faster than createEffectEvaluator for repeated permutations. Returns null for estimators without a fast path (use createEffectEvaluator then). */
export function createPermutationEvaluator(design: EffectDesign, estimator: EstimatorName): PermutationEvaluator | null {
  if (estimator === 'diff') {
    checkDesign(design);
    return createDifferencePermutations(design);
  }
  if (estimator !== 'ols') return null;
  checkDesign(design);
  return createOlsPermutationEvaluator(design);
}

/**
 * What a row set's solve reads and writes, in one object so that the
 * solves are plain functions over local copies (V8 keeps those in
 * registers, where a closure reloads captured arrays on every access).
 * D = arms − 1 arm columns, C covariates, O outcomes, Q = C + O.
 */
interface Solver {
  shape: CellShape;
  columns: number;
  /** permutationStatistics.ts's layout: arm column d's sums at d * segment. */
  segment: number;
  /** Row set whose counts and covariate sums are row set r's (PersonMonths.personsRow). */
  personsRow: Int32Array;
  covariateBase: number;
  valueBase: number;
  size: number;
  invariants: Invariants;
  armOfColumn: Int32Array;
  /**
   * Per arm column d at d * (Q + 1): Σ_k n_kd · (S_k / W_k, E_k / W_k),
   * then Σ_k n_kd² / W_k. `baseTerms` holds them for the observed labels
   * per row set ((r * D + d) * (Q + 1)), reused for a column no person
   * moved in or out of, as are `baseProjected` (V's column, (r * D + d) * C)
   * and `baseProjectedRight` (v_d · L⁻¹ r̃_o, (r * D + d) * O).
   */
  terms: Float64Array;
  baseTerms: Float64Array;
  projected: Float64Array;
  baseProjected: Float64Array;
  projectedRight: Float64Array;
  baseProjectedRight: Float64Array;
  armCount: Float64Array;
  /** Arm block (D × D) and its factor, the D × D arm block after the covariates, and their kept columns. */
  armBlock: Float64Array;
  armFactor: Float64Array;
  armUnabsorbed: Float64Array;
  armKept: Uint8Array;
  schur: Float64Array;
  schurFactor: Float64Array;
  schurKept: Uint8Array;
  schurInverse: Float64Array;
  /** Scratch of length max(D, C). */
  vector: Float64Array;
  vector2: Float64Array;
  armRight: Float64Array;
  /** Each outcome's right-hand sides of the arm columns and the Schur system's solutions: d * O + o. */
  rightSides: Float64Array;
  coefficients: Float64Array;
  /** The full system, p = D + C. */
  m: Float64Array;
  l: Float64Array;
  kept: Uint8Array;
  unabsorbed: Float64Array;
  armRows: Float64Array;
  unit: Float64Array;
  solution: Float64Array;
  /** The last row set solved took the short path: its arm-side results (armCount, terms' covariate part, projected, the Schur factor) are still in place. */
  shortPathHeld: boolean;
}

function createOlsPermutationEvaluator(design: EffectDesign): PermutationEvaluator {
  const { arms, outcomes, months, persons, reference } = design;
  const blocks = Math.max(1, design.blocks);
  const c = design.covariateCount;
  const subgroups = design.groups.labels.length;
  const covariates = shiftCovariates(design.covariates, persons, c);
  const runs = findPersonRuns(design);
  const layout = armSumLayout(arms, blocks, c, outcomes);
  const keys = createRowSetKeys(design.groups, persons, {
    personWork: (p) => {
      const nonzero = covariates.start[p + 1] - covariates.start[p];
      return 2 * (1 + nonzero) * (runs.observedStart[p + 1] - runs.observedStart[p]) + 2 * (runs.valueStart[p + 1] - runs.valueStart[p]);
    },
    statistics: layout.size,
    months,
  });
  const samePersons = samePersonsAsPreviousMonth(design);
  const personSums = personMonths(samePersons, subgroups, months);
  const invariants = computeInvariants(design, covariates, runs, keys, blocks, samePersons, personSums);
  const rowSets = invariants.rowSets;
  const sums = new ArmSums({ layout, runs, keys, block: design.block, covariates, persons, months, subgroups, arms, reference, base: design.arm, personMonths: personSums });

  const columns = arms - 1;
  const p = columns + c;
  const stride = c + outcomes + 1;
  const scratch = Math.max(columns, c);
  const solver: Solver = {
    shape: { outcomes, subgroups, arms, months, reference },
    columns,
    segment: layout.segment,
    personsRow: personSums.personsRow,
    covariateBase: layout.covariateBase,
    valueBase: layout.valueBase,
    size: layout.size,
    invariants,
    armOfColumn: Int32Array.from({ length: columns }, (_, d) => (d < reference ? d : d + 1)),
    terms: new Float64Array(columns * stride),
    baseTerms: new Float64Array(rowSets * columns * stride),
    projected: new Float64Array(columns * c),
    baseProjected: new Float64Array(rowSets * columns * c),
    projectedRight: new Float64Array(columns * outcomes),
    baseProjectedRight: new Float64Array(rowSets * columns * outcomes),
    armCount: new Float64Array(columns),
    armBlock: new Float64Array(columns * columns),
    armFactor: new Float64Array(columns * columns),
    armUnabsorbed: new Float64Array(columns),
    armKept: new Uint8Array(columns),
    schur: new Float64Array(columns * columns),
    schurFactor: new Float64Array(columns * columns),
    schurKept: new Uint8Array(columns),
    schurInverse: new Float64Array(columns * columns),
    vector: new Float64Array(scratch),
    vector2: new Float64Array(scratch),
    armRight: new Float64Array(columns),
    rightSides: new Float64Array(columns * outcomes),
    coefficients: new Float64Array(columns * outcomes),
    m: new Float64Array(p * p),
    l: new Float64Array(p * p),
    kept: new Uint8Array(p),
    unabsorbed: new Float64Array(p),
    armRows: new Float64Array(columns * p),
    unit: new Float64Array(p),
    solution: new Float64Array(p),
    shortPathHeld: false,
  };
  // The observed labels' column terms and projections (sums.rows holds their sums after construction);
  // with the previous month's persons, all but the outcomes' are that month's (solveOutcomesAgain).
  const { baseTerms, baseProjected, baseProjectedRight } = solver;
  for (let r = 0; r < rowSets; r++) {
    for (let d = 0; d < columns; d++) {
      const at = r * columns + d;
      if (samePersons[r] === 1) {
        const previous = at - columns;
        baseTerms.copyWithin(at * stride, previous * stride, previous * stride + c);
        baseTerms[at * stride + stride - 1] = baseTerms[previous * stride + stride - 1];
        baseProjected.copyWithin(at * c, previous * c, previous * c + c);
        termSums(solver, sums.rows, r, d, c, c + outcomes, baseTerms, at * stride);
        rightProjections(invariants, r, baseProjected, at * c, baseProjectedRight, at * outcomes);
      } else {
        columnTerms(solver, sums.rows, r, d, baseTerms, at * stride);
        project(solver, sums.rows, r, d, baseTerms, at * stride, baseProjected, at * c, baseProjectedRight, at * outcomes);
      }
    }
  }

  const cells = effectCellCount(design);
  return {
    cells,
    evaluate(arm, out) {
      if (arm.length !== persons) throw new RangeError(`evaluate: expected ${persons} arm labels, got ${arm.length}`);
      if (out.length < cells) throw new RangeError(`evaluate: out holds ${out.length} numbers, needs ${cells}`);
      sums.accumulate(arm);
      solver.shortPathHeld = false;
      for (let s = 0; s < subgroups; s++) {
        for (let t = 0; t < months; t++) {
          const r = s * months + t;
          // A month with the same persons as the last under the same labels has the same arm side: only its outcomes are new.
          if (samePersons[r] === 1 && solver.shortPathHeld) solveOutcomesAgain(solver, sums.rows, sums.changed, r, s, t, out);
          else solveRowSet(solver, sums.rows, sums.changed, r, s, t, out);
        }
      }
    },
  };
}

/**
 * Σ_k n_kd · (S_k / W_k, E_k / W_k) and Σ_k n_kd² / W_k of arm column d in
 * row set r: what block absorption subtracts from the column's cross
 * products with the covariates, its right-hand sides and its diagonal.
 */
function columnTerms(solver: Solver, rows: Float64Array, r: number, d: number, into: Float64Array, at: number): void {
  const { segment, size, invariants } = solver;
  const { blocks, blockInverse } = invariants;
  const q = invariants.covariates + invariants.outcomes;
  const counts = solver.personsRow[r] * size + d * segment;
  termSums(solver, rows, r, d, 0, q, into, at);
  let square = 0;
  for (let k = 0; k < blocks; k++) square += rows[counts + k] * blockInverse[r * blocks + k] * rows[counts + k];
  into[at + q] = square;
}

/**
 * Terms first … end − 1 of columnTerms (covariates 0 … C − 1, then
 * outcomes), into[at + i]. Three terms at a time: each is a chain of
 * additions over the blocks, and three independent chains overlap where
 * one after another waits on each addition (the sums and their order are
 * the same).
 */
function termSums(solver: Solver, rows: Float64Array, r: number, d: number, first: number, end: number, into: Float64Array, at: number): void {
  const { segment, size, invariants } = solver;
  const { blocks, blockTerms } = invariants;
  const q = invariants.covariates + invariants.outcomes;
  const counts = solver.personsRow[r] * size + d * segment;
  // A block with nobody has count 0 and terms 0, so no block needs skipping.
  let i = first;
  for (; i + 2 < end; i += 3) {
    const from = (r * q + i) * blocks;
    let sum0 = 0;
    let sum1 = 0;
    let sum2 = 0;
    for (let k = 0; k < blocks; k++) {
      const count = rows[counts + k];
      sum0 += count * blockTerms[from + k];
      sum1 += count * blockTerms[from + blocks + k];
      sum2 += count * blockTerms[from + 2 * blocks + k];
    }
    into[at + i] = sum0;
    into[at + i + 1] = sum1;
    into[at + i + 2] = sum2;
  }
  for (; i < end; i++) {
    const from = (r * q + i) * blocks;
    let sum = 0;
    for (let k = 0; k < blocks; k++) sum += rows[counts + k] * blockTerms[from + k];
    into[at + i] = sum;
  }
}

/** v_d · L⁻¹ r̃_o of every outcome o, with v_d at column[columnAt …] (V's column d); three at a time, as termSums. */
function rightProjections(invariants: Invariants, r: number, column: Float64Array, columnAt: number, into: Float64Array, at: number): void {
  const { covariates: c, outcomes, covariateSolved } = invariants;
  let o = 0;
  for (; o + 2 < outcomes; o += 3) {
    const from = (r * outcomes + o) * c;
    let product0 = 0;
    let product1 = 0;
    let product2 = 0;
    for (let j = 0; j < c; j++) {
      const v = column[columnAt + j];
      product0 += v * covariateSolved[from + j];
      product1 += v * covariateSolved[from + c + j];
      product2 += v * covariateSolved[from + 2 * c + j];
    }
    into[at + o] = product0;
    into[at + o + 1] = product1;
    into[at + o + 2] = product2;
  }
  for (; o < outcomes; o++) {
    let product = 0;
    for (let j = 0; j < c; j++) product += column[columnAt + j] * covariateSolved[(r * outcomes + o) * c + j];
    into[at + o] = product;
  }
}

/** Column d of V = L⁻¹ M_cd, and its products with L⁻¹ r̃_o, from the column's terms. */
function project(solver: Solver, rows: Float64Array, r: number, d: number, terms: Float64Array, termsAt: number, into: Float64Array, at: number, rightInto: Float64Array, rightAt: number): void {
  const { segment, covariateBase, size, invariants, vector, vector2 } = solver;
  const { covariates: c, covariateFactor, covariateKept } = invariants;
  const sums = solver.personsRow[r] * size + d * segment + covariateBase;
  for (let j = 0; j < c; j++) vector[j] = rows[sums + j] - terms[termsAt + j];
  forwardSolve(covariateFactor, r * c * c, covariateKept, r * c, c, vector, vector2);
  for (let j = 0; j < c; j++) into[at + j] = vector2[j];
  rightProjections(invariants, r, vector2, 0, rightInto, rightAt);
}

function solveRowSet(solver: Solver, rows: Float64Array, changed: Uint8Array, r: number, s: number, t: number, out: Float64Array): void {
  const { shape, columns, segment, size, invariants, terms, baseTerms, armCount, armBlock, armUnabsorbed } = solver;
  const { blocks, blockInverse } = invariants;
  const stride = invariants.covariates + invariants.outcomes + 1;
  const offset = solver.personsRow[r] * size;
  solver.shortPathHeld = false;

  let others = 0;
  for (let d = 0; d < columns; d++) {
    let count = 0;
    for (let k = 0; k < blocks; k++) count += rows[offset + d * segment + k];
    armCount[d] = count;
    others += count;
  }
  if (!(invariants.total[r] - others > 0.5)) {
    writeNotEstimable(shape, s, t, out);
    return;
  }
  for (let d = 0; d < columns; d++) {
    if (changed[d]) columnTerms(solver, rows, r, d, terms, d * stride);
    else for (let i = 0, from = (r * columns + d) * stride; i < stride; i++) terms[d * stride + i] = baseTerms[from + i];
  }

  // The absorbed arm block: olsSolver's first D columns, which alone decide which arms it keeps.
  for (let d = 0; d < columns; d++) {
    for (let e = 0; e < d; e++) {
      let cross = 0;
      for (let k = 0; k < blocks; k++) cross += rows[offset + d * segment + k] * blockInverse[r * blocks + k] * rows[offset + e * segment + k];
      armBlock[d * columns + e] = -cross;
    }
    armBlock[d * columns + d] = armCount[d] - terms[d * stride + stride - 1];
    armUnabsorbed[d] = armCount[d];
  }
  if (invariants.settled[r] && solveCovariatesFirst(solver, rows, changed, r, s, t, out)) solver.shortPathHeld = true;
  else solveInFull(solver, rows, r, s, t, out);
}

/**
 * The short path; false (having written nothing) where olsSolver's order
 * might keep other covariates than the covariates-first elimination.
 */
function solveCovariatesFirst(solver: Solver, rows: Float64Array, changed: Uint8Array, r: number, s: number, t: number, out: Float64Array): boolean {
  const { columns, invariants, terms, armBlock, armFactor, armUnabsorbed, armKept } = solver;
  const { projected, baseProjected, projectedRight, baseProjectedRight, schur, schurFactor, schurKept, schurInverse, vector, vector2 } = solver;
  const { covariates: c, outcomes, covariateKept, pivotShare } = invariants;
  const stride = c + outcomes + 1;

  // armBlock is needed again for the Schur complement; factorAbsorbed clears aliased columns in place.
  for (let i = 0; i < columns * columns; i++) schur[i] = armBlock[i];
  factorAbsorbed(schur, armUnabsorbed, columns, armFactor, armKept);
  for (let d = 0; d < columns; d++) {
    if (!armKept[d]) continue;
    if (changed[d]) project(solver, rows, r, d, terms, d * stride, projected, d * c, projectedRight, d * outcomes);
    else {
      for (let j = 0; j < c; j++) projected[d * c + j] = baseProjected[(r * columns + d) * c + j];
      for (let o = 0; o < outcomes; o++) projectedRight[d * outcomes + o] = baseProjectedRight[(r * columns + d) * outcomes + o];
    }
  }

  // olsSolver's pivot of each kept covariate, pivot share × (1 − v_jᵀ S⁻¹ v_j), against its tolerance.
  schurInverse.fill(0);
  for (let d = 0; d < columns; d++) {
    if (!armKept[d]) continue;
    vector.fill(0);
    vector[d] = 1;
    solveFactored(armFactor, armKept, columns, vector, vector2);
    for (let e = 0; e < columns; e++) schurInverse[e * columns + d] = vector2[e];
  }
  for (let j = 0; j < c; j++) {
    if (!covariateKept[r * c + j]) continue;
    let quadratic = 0;
    for (let d = 0; d < columns; d++) {
      let sum = 0;
      if (armKept[d]) for (let e = 0; e < columns; e++) if (armKept[e]) sum += schurInverse[d * columns + e] * projected[e * c + j];
      vector[d] = sum;
      if (armKept[d]) quadratic += projected[d * c + j] * sum;
    }
    const remaining = 1 - quadratic;
    if (!(pivotShare[r * c + j] * remaining > KEPT_SHARE)) return false;
    for (let d = 0; d < columns; d++) for (let e = 0; e < columns; e++) schurInverse[d * columns + e] += (vector[d] * vector[e]) / remaining;
  }

  // S = M_dd − VᵀV over the kept arms, then each outcome's arm coefficients.
  for (let d = 0; d < columns; d++) {
    for (let e = 0; e <= d; e++) {
      let value = 0;
      if (armKept[d] && armKept[e]) {
        value = armBlock[d * columns + e];
        for (let j = 0; j < c; j++) value -= projected[d * c + j] * projected[e * c + j];
      }
      schur[d * columns + e] = value;
    }
  }
  factorSkipping(schur, columns, schurFactor, schurKept, 1e-12);
  for (let d = 0; d < columns; d++) if (armKept[d] && !schurKept[d]) return false;
  writeShortPathOutcomes(solver, rows, r, s, t, out);
  return true;
}

/** Each outcome's arm coefficients from the Schur factor, the terms and projections in place. */
function writeShortPathOutcomes(solver: Solver, rows: Float64Array, r: number, s: number, t: number, out: Float64Array): void {
  const { columns, segment, valueBase, size, invariants, terms, armKept, projectedRight, rightSides } = solver;
  const { covariates: c, outcomes } = invariants;
  const stride = c + outcomes + 1;
  const offset = r * size;
  for (let d = 0; d < columns; d++) {
    for (let o = 0; o < outcomes; o++) {
      rightSides[d * outcomes + o] = armKept[d] ? rows[offset + d * segment + valueBase + o] - terms[d * stride + c + o] - projectedRight[d * outcomes + o] : 0;
    }
  }
  writeArmCoefficients(solver, s, t, out);
}

/** Solves the Schur system for every outcome's right-hand sides (rightSides) and writes the arms' cells. */
function writeArmCoefficients(solver: Solver, s: number, t: number, out: Float64Array): void {
  const { shape, columns, armCount, armKept, armOfColumn, schurFactor, schurKept, rightSides, coefficients } = solver;
  const { outcomes, months } = shape;
  solveSides(schurFactor, schurKept, columns, outcomes, rightSides, coefficients);
  const cell = s * shape.arms * months + t;
  const outcomeStride = shape.subgroups * shape.arms * months;
  for (let o = 0; o < outcomes; o++) {
    const at = o * outcomeStride + cell;
    out[at + shape.reference * months] = NaN;
    for (let d = 0; d < columns; d++) out[at + armOfColumn[d] * months] = armCount[d] > 0.5 && armKept[d] ? coefficients[d * outcomes + o] : NaN;
  }
}

/**
 * solveFactored for `count` right-hand sides at once, b and x by row of the
 * factor (i * count + j; x may be b): each side by solveFactored's
 * operations in its order, so to the last bit the same. Written out because
 * side by side the sides' chains of divisions overlap, where one
 * solveFactored after another waits on each.
 */
function solveSides(l: Float64Array, kept: Uint8Array, p: number, count: number, b: Float64Array, x: Float64Array): void {
  for (let i = 0; i < p; i++) {
    const at = i * count;
    if (!kept[i]) {
      for (let j = 0; j < count; j++) x[at + j] = 0;
      continue;
    }
    const pivot = l[i * p + i];
    for (let j = 0; j < count; j++) {
      let sum = b[at + j];
      for (let k = 0; k < i; k++) if (kept[k]) sum -= l[i * p + k] * x[k * count + j];
      x[at + j] = sum / pivot;
    }
  }
  for (let i = p - 1; i >= 0; i--) {
    if (!kept[i]) continue;
    const at = i * count;
    const pivot = l[i * p + i];
    for (let j = 0; j < count; j++) {
      let sum = x[at + j];
      for (let k = i + 1; k < p; k++) if (kept[k]) sum -= l[k * p + i] * x[k * count + j];
      x[at + j] = sum / pivot;
    }
  }
}

/**
 * Row set r holds the persons of row set r − 1, which took the short path
 * under the same labels: its counts, covariate sums, invariants' covariate
 * parts and so everything on the arm side are the same numbers, and only
 * the outcome terms, their projections and the solves are redone, each by
 * the very operations solveRowSet would use (so the estimates are the same
 * to the last bit).
 */
function solveOutcomesAgain(solver: Solver, rows: Float64Array, changed: Uint8Array, r: number, s: number, t: number, out: Float64Array): void {
  const { columns, segment, valueBase, size, invariants, terms, baseTerms, projected, projectedRight, baseProjectedRight, armKept, rightSides } = solver;
  const { covariates: c, outcomes } = invariants;
  const q = c + outcomes;
  const stride = q + 1;
  const values = r * size + valueBase;
  for (let d = 0; d < columns; d++) {
    const at = d * outcomes;
    if (!armKept[d]) {
      for (let o = 0; o < outcomes; o++) rightSides[at + o] = 0;
      continue;
    }
    const y = values + d * segment;
    if (changed[d]) {
      termSums(solver, rows, r, d, c, q, terms, d * stride);
      rightProjections(invariants, r, projected, d * c, projectedRight, at);
      for (let o = 0; o < outcomes; o++) rightSides[at + o] = rows[y + o] - terms[d * stride + c + o] - projectedRight[at + o];
    } else {
      const from = (r * columns + d) * stride + c;
      const projections = (r * columns + d) * outcomes;
      for (let o = 0; o < outcomes; o++) rightSides[at + o] = rows[y + o] - baseTerms[from + o] - baseProjectedRight[projections + o];
    }
  }
  writeArmCoefficients(solver, s, t, out);
}

/** The whole absorbed system in olsSolver's column order (arms, then covariates), factored by the same factorAbsorbed. */
function solveInFull(solver: Solver, rows: Float64Array, r: number, s: number, t: number, out: Float64Array): void {
  const { shape, columns, segment, covariateBase, valueBase, size, invariants, terms, armCount, armBlock, armUnabsorbed, armOfColumn } = solver;
  const { m, l, kept, unabsorbed, armRows, unit, solution, armRight } = solver;
  const { covariates: c, outcomes, absorbed, covariateRight } = invariants;
  const p = columns + c;
  const stride = c + outcomes + 1;
  const offset = r * size;
  const personsOffset = solver.personsRow[r] * size;

  for (let d = 0; d < columns; d++) {
    const row = d * p;
    for (let e = 0; e <= d; e++) m[row + e] = armBlock[d * columns + e];
    unabsorbed[d] = armUnabsorbed[d];
    for (let j = 0; j < c; j++) m[(columns + j) * p + d] = rows[personsOffset + d * segment + covariateBase + j] - terms[d * stride + j];
  }
  for (let i = 0; i < c; i++) {
    const from = (r * c + i) * c;
    const row = (columns + i) * p + columns;
    for (let j = 0; j <= i; j++) m[row + j] = absorbed[from + j];
    unabsorbed[columns + i] = invariants.unabsorbed[r * c + i];
  }
  factorAbsorbed(m, unabsorbed, p, l, kept);

  for (let d = 0; d < columns; d++) {
    if (!kept[d]) continue;
    unit.fill(0);
    unit[d] = 1;
    solveFactored(l, kept, p, unit, solution);
    for (let i = 0; i < p; i++) armRows[d * p + i] = solution[i];
  }
  for (let o = 0; o < outcomes; o++) {
    // Absorbed right-hand sides of the arm columns: Σ y − Σ_k n_kd E_k / W_k.
    for (let d = 0; d < columns; d++) armRight[d] = rows[offset + d * segment + valueBase + o] - terms[d * stride + c + o];
    const covariateFrom = (r * outcomes + o) * c;
    out[cellIndex(shape, o, s, shape.reference, t)] = NaN;
    for (let d = 0; d < columns; d++) {
      const cell = cellIndex(shape, o, s, armOfColumn[d], t);
      if (!(armCount[d] > 0.5) || !kept[d]) {
        out[cell] = NaN;
        continue;
      }
      const row = d * p;
      let estimate = 0;
      for (let e = 0; e < columns; e++) estimate += armRows[row + e] * armRight[e];
      for (let j = 0; j < c; j++) estimate += armRows[row + columns + j] * covariateRight[covariateFrom + j];
      out[cell] = estimate;
    }
  }
}
