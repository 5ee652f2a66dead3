/**
 * `lin` point estimates of one row set: lm_lin(y ~ arm, covariates = ~
 * covariates + block), HC2. The fully interacted model is one OLS fit per arm
 * of y on [block one-hot, covariates], each predicted at the row set's
 * overall means (block shares and covariate means over all arms); the effect
 * is pred_a − pred_ref and, with those means held fixed as lm_lin's centring
 * does, SE² = Var_HC2(pred_a) + Var_HC2(pred_ref) from each arm's sandwich.
 *
 * Documented rules where lm_lin would alias columns:
 *  (1) a block in which some arm present in the row set has no persons is
 *      left out of the row set;
 *  (2) within an arm's fit, a covariate aliased once the blocks are absorbed
 *      is dropped (slope 0).
 *
 * Each arm's fit absorbs its block intercepts (demeaning within arm × block
 * cells): with S_a the within-cell cross products of the covariates,
 * u_i = S_a⁻¹ x̃_i, and π_k = n_k / N the block shares,
 *   pred_a  = Σ_k π_k γ_ak,  γ_ak = ȳ_ak − (x̄_ak − x̄)ᵀβ_a
 *   h_i     = 1/n_ak + x̃_iᵀ u_i
 *   q_i     = ∂pred_a/∂y_i = π_k/n_ak + (x̄ − Σ_b π_b x̄_ab)ᵀ u_i
 *   Var     = Σ_i q_i² e_i² / (1 − h_i).
 * Leaving person i (arm g, block k) out moves the fit of arm g by the usual
 * rank-one update and the target population (N persons) by one person:
 *   pred_g − pred_g(−i) = [y_i − pred_g − e_i (1 − N q_i)/(1 − h_i)] / (N − 1)
 *   pred_a − pred_a(−i) = [ŷ_a(x_i, k) − pred_a] / (N − 1)     (a ≠ g)
 * where ŷ_a(x_i, k) = γ_ak + (x_i − x̄)ᵀβ_a is arm a's prediction for person
 * i. Leaving out a person whose cell then empties drops the block (rule 1)
 * for every arm; a person of leverage (nearly) one changes (or nearly) the
 * arm's aliasing; a person who is the only one of an arm changes which
 * blocks rule (1) keeps: those are refitted, from the per-cell cross
 * products (only the changed cell is recomputed) or, for the last kind, in
 * full. As in pointOls.ts nothing n × c is formed: cross products come from
 * the sparse shifted covariates (Σ x̃ x̃ᵀ = Σ x xᵀ − n x̄ x̄ᵀ and Σ x̃ ỹ =
 * Σ x y − ȳ Σ x per cell) and x̃ᵀS⁻¹x̃ from per-cell terms. Hand-coded for
 * the reasons of pointOls.ts.
 */
import { solveFactored } from '../regression/cholesky.js';
import {
  LEVERAGE_ONE,
  LEVERAGE_RECOMPUTE,
  LEVERAGE_REFIT,
  PointWorkspace,
  WEIGHT_NOISE,
  blockCount,
  factorWithin,
  inverseLower,
  outcomeOf,
  sumOfSquares,
  writeCell,
  type RowSetContext,
  type SparseCovariates,
} from './pointCommon.js';
import type { EffectDesign } from './effectDesign.js';

interface LinPrep {
  /** Persons of the row set in the blocks rule (1) keeps. */
  rows: Int32Array;
  N: number;
  /** Persons per arm in the whole row set (before rule 1). */
  rowArmN: Float64Array;
  present: Uint8Array;
  included: Uint8Array;
  blockN: Float64Array;
  cellN: Float64Array;
  /** Shifted covariate sums and means per arm × block cell, (cell * c + j). */
  cellSum: Float64Array;
  cellX: Float64Array;
  /** Overall shifted covariate means. */
  xbar: Float64Array;
  /** Within-cell cross products per cell, lower triangles (cell * c * c), and raw sums of squares per cell. */
  within: Float64Array;
  cellRaw: Float64Array;
  /** Their sums per arm (a * c * c), before dropping aliased columns. */
  s: Float64Array;
  /** Raw (unshifted) sums of squares per arm, the aliasing scale. */
  raw: Float64Array;
  factor: Float64Array;
  kept: Uint8Array;
}

interface LinFit {
  cellY: Float64Array;
  /** Σ x̃ ỹ per cell, (cell * c + j). */
  r: Float64Array;
  rArm: Float64Array;
  beta: Float64Array;
  /** γ_ak − x̄ᵀβ_a: arm a's prediction for a person of block k is this + xᵀβ_a. */
  level: Float64Array;
  pred: Float64Array;
}

/** Adds person's x xᵀ (lower triangle, shifted covariates) into cross[at …] and x into sums[sumAt …]. */
function addCross(sparse: SparseCovariates, person: number, cross: Float64Array, at: number, sums: Float64Array, sumAt: number, c: number): void {
  const { start, index, value } = sparse;
  const first = start[person];
  const end = start[person + 1];
  for (let e = first; e < end; e++) {
    const j = index[e];
    const v = value[e];
    sums[sumAt + j] += v;
    for (let f = first; f <= e; f++) cross[at + j * c + index[f]] += v * value[f];
  }
}

/** Turns Σ x xᵀ of m persons with sums Σ x into their within-group cross products, in place. */
function centreCross(cross: Float64Array, at: number, sums: Float64Array, sumAt: number, m: number, c: number): void {
  for (let j = 0; j < c; j++) {
    const mean = sums[sumAt + j] / m;
    if (mean === 0) continue;
    for (let l = 0; l <= j; l++) cross[at + j * c + l] -= mean * sums[sumAt + l];
  }
}

/** A person's shifted covariates as a dense vector. */
function shiftedRow(sparse: SparseCovariates, person: number, c: number): Float64Array {
  const row = new Float64Array(c);
  for (let e = sparse.start[person]; e < sparse.start[person + 1]; e++) row[sparse.index[e]] = sparse.value[e];
  return row;
}

function prepareLin(d: EffectDesign, sparse: SparseCovariates, rowSet: Int32Array, ws: PointWorkspace): LinPrep {
  const A = d.arms;
  const B = blockCount(d);
  const c = d.covariateCount;
  const { shift } = sparse;
  const rowArmN = new Float64Array(A);
  const rowCells = ws.zeros('lin.rowCells', A * B);
  for (let i = 0; i < rowSet.length; i++) {
    const person = rowSet[i];
    rowArmN[d.arm[person]]++;
    rowCells[d.arm[person] * B + d.block[person]]++;
  }
  const present = new Uint8Array(A);
  for (let a = 0; a < A; a++) present[a] = rowArmN[a] > 0 ? 1 : 0;
  const included = new Uint8Array(B);
  let n = 0;
  for (let k = 0; k < B; k++) {
    let all = true;
    let size = 0;
    for (let a = 0; a < A; a++) {
      if (present[a] && rowCells[a * B + k] === 0) all = false;
      size += rowCells[a * B + k];
    }
    included[k] = all && size > 0 ? 1 : 0;
    if (included[k]) n += size;
  }
  const rows = new Int32Array(n);
  for (let i = 0, m = 0; i < rowSet.length; i++) if (included[d.block[rowSet[i]]]) rows[m++] = rowSet[i];

  const cc = c * c;
  const blockN = new Float64Array(B);
  const cellN = new Float64Array(A * B);
  const cellSum = new Float64Array(A * B * c);
  const xbar = new Float64Array(c);
  // Per arm × block cell: Σ x xᵀ of the shifted covariates, then the cell's
  // within cross products W_ak in place; S_a = Σ_k W_ak. Kept per cell so
  // that leaving out a block or a person recomputes only what changes.
  const within = new Float64Array(A * B * cc);
  const cellRaw = new Float64Array(A * B * c);
  for (let i = 0; i < n; i++) {
    const person = rows[i];
    const cell = d.arm[person] * B + d.block[person];
    blockN[d.block[person]]++;
    cellN[cell]++;
    addCross(sparse, person, within, cell * cc, cellSum, cell * c, c);
  }
  const cellX = new Float64Array(A * B * c);
  const s = new Float64Array(A * cc);
  const raw = new Float64Array(A * c);
  for (let cell = 0; cell < A * B; cell++) {
    const m = cellN[cell];
    if (m === 0) continue;
    const a = Math.floor(cell / B);
    for (let j = 0; j < c; j++) {
      cellRaw[cell * c + j] = within[cell * cc + j * c + j] + 2 * shift[j] * cellSum[cell * c + j] + m * shift[j] * shift[j];
      raw[a * c + j] += cellRaw[cell * c + j];
      cellX[cell * c + j] = cellSum[cell * c + j] / m;
      xbar[j] += cellSum[cell * c + j];
    }
    centreCross(within, cell * cc, cellSum, cell * c, m, c);
    for (let e = 0; e < cc; e++) s[a * cc + e] += within[cell * cc + e];
  }
  for (let j = 0; j < c; j++) xbar[j] /= n;

  const factor = new Float64Array(A * cc);
  const kept = new Uint8Array(A * c);
  const work = new Float64Array(cc);
  for (let a = 0; a < A; a++) {
    if (!present[a]) continue;
    factorWithin(s.subarray(a * cc), raw.subarray(a * c), c, work, factor.subarray(a * cc), kept.subarray(a * c));
  }
  return { rows, N: n, rowArmN, present, included, blockN, cellN, cellSum, cellX, xbar, within, cellRaw, s, raw, factor, kept };
}

function fitLin(d: EffectDesign, sparse: SparseCovariates, prep: LinPrep, y: Float64Array, ws: PointWorkspace): LinFit {
  const A = d.arms;
  const B = blockCount(d);
  const c = d.covariateCount;
  const { start, index, value } = sparse;
  const { rows, cellN } = prep;
  const n = rows.length;
  // Cell means of y and Σ x̃ ỹ = Σ x y − ȳ_cell Σ x per cell, in one pass.
  const cellY = ws.zeros('lin.cellY', A * B);
  const r = ws.zeros('lin.r', A * B * c);
  for (let i = 0; i < n; i++) {
    const person = rows[i];
    const cell = d.arm[person] * B + d.block[person];
    const v = y[person];
    cellY[cell] += v;
    if (v === 0) continue;
    for (let e = start[person]; e < start[person + 1]; e++) r[cell * c + index[e]] += value[e] * v;
  }
  for (let cell = 0; cell < A * B; cell++) {
    if (cellN[cell] === 0) continue;
    cellY[cell] /= cellN[cell];
    for (let j = 0; j < c; j++) r[cell * c + j] -= cellY[cell] * prep.cellSum[cell * c + j];
  }
  const rArm = ws.zeros('lin.rArm', A * c);
  const beta = ws.zeros('lin.beta', A * c);
  const level = ws.zeros('lin.level', A * B);
  const pred = ws.f64('lin.pred', A).fill(NaN);
  for (let a = 0; a < A; a++) {
    if (!prep.present[a] || prep.N === 0) continue;
    for (let k = 0; k < B; k++) for (let j = 0; j < c; j++) rArm[a * c + j] += r[(a * B + k) * c + j];
    const betaA = beta.subarray(a * c, (a + 1) * c);
    solveFactored(prep.factor.subarray(a * c * c), prep.kept.subarray(a * c), c, rArm.subarray(a * c), betaA);
    pred[a] = predictAt(prep, a, (k) => cellY[a * B + k], prep.cellX, prep.blockN, prep.N, prep.xbar, betaA, level, B, c);
    let shiftFit = 0;
    for (let j = 0; j < c; j++) shiftFit += prep.xbar[j] * betaA[j];
    for (let k = 0; k < B; k++) level[a * B + k] -= shiftFit;
  }
  return { cellY, r, rArm, beta, level, pred };
}

/**
 * Σ_k (n_k / N) γ_ak, γ_ak = ȳ_ak − (x̄_ak − x̄)ᵀβ, over the included blocks
 * with n_k > 0; writes γ_ak into `gamma` when given.
 */
function predictAt(
  prep: LinPrep,
  a: number,
  cellY: (k: number) => number,
  cellX: Float64Array,
  blockN: ArrayLike<number>,
  N: number,
  xbar: ArrayLike<number>,
  beta: Float64Array,
  gamma: Float64Array | null,
  B: number,
  c: number,
): number {
  let pred = 0;
  for (let k = 0; k < B; k++) {
    if (!prep.included[k] || blockN[k] === 0) continue;
    const cell = a * B + k;
    let g = cellY(k);
    for (let j = 0; j < c; j++) g -= (cellX[cell * c + j] - xbar[j]) * beta[j];
    if (gamma) gamma[cell] = g;
    pred += (blockN[k] / N) * g;
  }
  return pred;
}

/** Predictions per outcome and arm (NaN for absent arms) on a row set, without SEs: the refit of the rare leave-one-out samples whose rule (1) blocks change. */
function linPredictions(d: EffectDesign, sparse: SparseCovariates, rows: Int32Array, outcomes: readonly number[], month: Float64Array): Float64Array {
  const A = d.arms;
  const out = new Float64Array(outcomes.length * A).fill(NaN);
  const ws = new PointWorkspace();
  const prep = prepareLin(d, sparse, rows, ws);
  if (prep.N === 0) return out;
  outcomes.forEach((o, at) => out.set(fitLin(d, sparse, prep, outcomeOf({ design: d, month }, o), ws).pred, at * A));
  return out;
}

/** How leaving a person out is evaluated. */
const Kind = { Closed: 0, Zero: 1, Refit: 2, DropBlock: 3, RefitArm: 4 } as const;

export function linCells(ctx: RowSetContext): void {
  const { design: d, ws, strata, sparse } = ctx;
  const { start, index, value } = sparse;
  const A = d.arms;
  const B = blockCount(d);
  const c = d.covariateCount;
  const ref = d.reference;
  const arm = d.arm;
  const block = d.block;
  const prep = prepareLin(d, sparse, ctx.rows, ws);
  const { rows, N, present, rowArmN, blockN, cellN, cellX, xbar } = prep;
  if (!present[ref] || N === 0) return;
  let anyArm = false;
  for (let a = 0; a < A; a++) if (a !== ref && present[a]) anyArm = true;
  if (!anyArm) return;
  const n = rows.length;
  const cc = c * c;

  // Per arm W_a = S_a⁻¹ (zero where aliased) and w_a = W_a (x̄ − Σ_k π_k x̄_ak);
  // per cell W_a x̄_ak, x̄_akᵀ W_a x̄_ak and w_aᵀ x̄_ak.
  const inverses = new Float64Array(A * cc);
  const wMatrix = new Float64Array(A * cc);
  const w = new Float64Array(A * c);
  const cellW = new Float64Array(A * B * c);
  const cellQuad = new Float64Array(A * B);
  const cellWeight = new Float64Array(A * B);
  for (let a = 0; a < A; a++) {
    if (!present[a]) continue;
    const inverse = inverses.subarray(a * cc, (a + 1) * cc);
    inverseLower(prep.factor.subarray(a * cc), prep.kept.subarray(a * c), c, inverse);
    const W = wMatrix.subarray(a * cc, (a + 1) * cc);
    for (let j = 0; j < c; j++) {
      for (let l = 0; l <= j; l++) {
        let total = 0;
        for (let m = j; m < c; m++) total += inverse[m * c + j] * inverse[m * c + l];
        W[j * c + l] = total;
        W[l * c + j] = total;
      }
    }
    const direction = new Float64Array(c);
    for (let j = 0; j < c; j++) {
      direction[j] = xbar[j];
      for (let k = 0; k < B; k++) if (prep.included[k]) direction[j] -= (blockN[k] / N) * cellX[(a * B + k) * c + j];
    }
    for (let j = 0; j < c; j++) for (let l = 0; l < c; l++) w[a * c + j] += W[j * c + l] * direction[l];
    for (let k = 0; k < B; k++) {
      const cell = a * B + k;
      if (cellN[cell] === 0) continue;
      let quad = 0;
      let weight = 0;
      for (let j = 0; j < c; j++) {
        let total = 0;
        for (let l = 0; l < c; l++) total += W[j * c + l] * cellX[cell * c + l];
        cellW[cell * c + j] = total;
        quad += cellX[cell * c + j] * total;
        weight += w[a * c + j] * cellX[cell * c + j];
      }
      cellQuad[cell] = quad;
      cellWeight[cell] = weight;
    }
  }
  // h_i = 1/n_ak + xᵀWx − 2 xᵀWx̄_ak + x̄_akᵀWx̄_ak; q_i = π_k/n_ak + w_aᵀ(x − x̄_ak).
  const h = ws.f64('lin.h', n);
  const weight = ws.f64('lin.q', n);
  const qnorm2 = new Float64Array(A);
  for (let i = 0; i < n; i++) {
    const person = rows[i];
    const a = arm[person];
    const k = block[person];
    const cell = a * B + k;
    const W = a * cc;
    let quad = cellQuad[cell];
    let q = blockN[k] / N / cellN[cell] - cellWeight[cell];
    const first = start[person];
    const end = start[person + 1];
    for (let e = first; e < end; e++) {
      const j = index[e];
      const v = value[e];
      quad += v * (v * wMatrix[W + j * c + j] - 2 * cellW[cell * c + j]);
      for (let f = first; f < e; f++) quad += 2 * v * value[f] * wMatrix[W + j * c + index[f]];
      q += w[a * c + j] * v;
    }
    h[i] = 1 / cellN[cell] + quad;
    if (1 - h[i] < LEVERAGE_RECOMPUTE) {
      const x = shiftedRow(sparse, person, c);
      let leverage = 1 / cellN[cell];
      for (let m = 0; m < c; m++) {
        let total = 0;
        for (let j = 0; j <= m; j++) total += inverses[a * cc + m * c + j] * (x[j] - cellX[cell * c + j]);
        leverage += total * total;
      }
      h[i] = leverage;
    }
    weight[i] = q;
    qnorm2[a] += q * q;
  }

  // How leaving each person out is evaluated.
  const kind = new Uint8Array(n);
  const refits = new Map<number, Float64Array>();
  const dropIndex = new Int32Array(B).fill(-1);
  const dropBlocks: number[] = [];
  const armRefits: number[] = [];
  const refitWithout = (position: number): Float64Array => {
    const reduced = new Int32Array(ctx.rows.length - 1);
    for (let i = 0, m = 0; i < ctx.rows.length; i++) if (i !== position) reduced[m++] = ctx.rows[i];
    return linPredictions(d, sparse, reduced, ctx.outcomes, ctx.month);
  };
  // Persons that rule (1) leaves out matter only when they are their arm's
  // only person in the row set: without them the arm is absent and the kept
  // blocks change.
  const excludedRefits: { person: number; nh: number; without: Float64Array }[] = [];
  for (let position = 0; position < ctx.rows.length; position++) {
    const person = ctx.rows[position];
    const g = arm[person];
    const nh = strata[g * B + block[person]];
    if (prep.included[block[person]] || rowArmN[g] !== 1 || nh <= 1) continue;
    excludedRefits.push({ person, nh, without: refitWithout(position) });
  }
  for (let i = 0, position = 0; i < n; i++) {
    const person = rows[i];
    while (ctx.rows[position] !== person) position++;
    const g = arm[person];
    const k = block[person];
    if (strata[g * B + k] <= 1) {
      kind[i] = Kind.Zero;
    } else if (rowArmN[g] === 1) {
      kind[i] = Kind.Refit;
      refits.set(i, refitWithout(position));
    } else if (cellN[g * B + k] === 1) {
      let armEmpties = false;
      for (let a = 0; a < A; a++) if (a !== g && present[a] && cellN[a * B + k] === rowArmN[a]) armEmpties = true;
      if (armEmpties) {
        kind[i] = Kind.Refit;
        refits.set(i, refitWithout(position));
      } else {
        kind[i] = Kind.DropBlock;
        if (dropIndex[k] < 0) {
          dropIndex[k] = dropBlocks.length;
          dropBlocks.push(k);
        }
      }
    } else if (1 - h[i] <= LEVERAGE_REFIT) {
      kind[i] = Kind.RefitArm;
      armRefits.push(i);
    } else {
      kind[i] = Kind.Closed;
    }
  }

  // Dropping block k: every arm's cross products lose the block's cells.
  const dropFactor = new Float64Array(dropBlocks.length * A * cc);
  const dropKept = new Uint8Array(dropBlocks.length * A * c);
  const dropXbar = new Float64Array(dropBlocks.length * c);
  {
    const work = new Float64Array(cc);
    const s = new Float64Array(cc);
    const raw = new Float64Array(c);
    dropBlocks.forEach((k, at) => {
      const remaining = N - blockN[k];
      for (let j = 0; j < c; j++) {
        let blockTotal = 0;
        for (let a = 0; a < A; a++) blockTotal += prep.cellSum[(a * B + k) * c + j];
        dropXbar[at * c + j] = remaining > 0 ? (N * xbar[j] - blockTotal) / remaining : NaN;
      }
      for (let a = 0; a < A; a++) {
        if (!present[a]) continue;
        s.fill(0);
        raw.fill(0);
        for (let b = 0; b < B; b++) {
          const cell = a * B + b;
          if (b === k || !prep.included[b] || cellN[cell] === 0) continue;
          for (let e = 0; e < cc; e++) s[e] += prep.within[cell * cc + e];
          for (let j = 0; j < c; j++) raw[j] += prep.cellRaw[cell * c + j];
        }
        const base = (at * A + a) * cc;
        factorWithin(s, raw, c, work, dropFactor.subarray(base), dropKept.subarray((at * A + a) * c));
      }
    });
  }

  // Leverage-one (or nearly one) persons: arm g's fit refactored without them, the person's
  // cell recomputed from its other persons (a downdate S − m/(m − 1) x̃ x̃ᵀ
  // would leave rounding noise where the rank drops, which the aliasing
  // tests could take for a column).
  const armRefitFactor = new Float64Array(armRefits.length * cc);
  const armRefitKept = new Uint8Array(armRefits.length * c);
  const armRefitOthers = armRefits.map((i) => {
    const cell = arm[rows[i]] * B + block[rows[i]];
    const others: number[] = [];
    for (let j = 0; j < n; j++) if (j !== i && arm[rows[j]] * B + block[rows[j]] === cell) others.push(rows[j]);
    return Int32Array.from(others);
  });
  {
    const work = new Float64Array(cc);
    const s = new Float64Array(cc);
    const raw = new Float64Array(c);
    const cross = new Float64Array(cc);
    const sums = new Float64Array(c);
    armRefits.forEach((i, at) => {
      const person = rows[i];
      const g = arm[person];
      const k = block[person];
      cross.fill(0);
      sums.fill(0);
      for (const other of armRefitOthers[at]) addCross(sparse, other, cross, 0, sums, 0, c);
      centreCross(cross, 0, sums, 0, armRefitOthers[at].length, c);
      s.set(cross);
      for (let b = 0; b < B; b++) {
        const cell = g * B + b;
        if (b === k || !prep.included[b] || cellN[cell] === 0) continue;
        for (let e = 0; e < cc; e++) s[e] += prep.within[cell * cc + e];
      }
      for (let j = 0; j < c; j++) raw[j] = prep.raw[g * c + j] - d.covariates[person * c + j] ** 2;
      factorWithin(s, raw, c, work, armRefitFactor.subarray(at * cc), armRefitKept.subarray(at * c));
    });
  }

  const variance = new Float64Array(A);
  const s2 = new Float64Array(A);
  const s3 = new Float64Array(A);
  const delta = new Float64Array(A);
  const yhat = new Float64Array(A);
  const dropWithout = new Float64Array(dropBlocks.length * A);
  const armRefitWithout = new Float64Array(armRefits.length);
  const betaWithout = new Float64Array(c);
  let outcome = 0;
  const add = (a: number, l: number, person: number) => {
    s2[a] += l * l;
    s3[a] += l * l * l;
    ctx.visit?.(outcome, ctx.s, a, ctx.t, person, l);
  };
  /** Jackknife values from the leave-one-out predictions of every arm. */
  const addWithout = (person: number, nh: number, fit: LinFit, without: ArrayLike<number>, offset: number) => {
    for (let a = 0; a < A; a++) {
      if (a === ref || !present[a]) continue;
      add(a, (nh - 1) * (fit.pred[a] - fit.pred[ref] - (without[offset + a] - without[offset + ref])), person);
    }
  };

  ctx.outcomes.forEach((o, outcomeIndex) => {
    outcome = o;
    const values = outcomeOf(ctx, o);
    const squares = sumOfSquares(values, ctx.rows);
    const fit = fitLin(d, sparse, prep, values, ws);
    const { beta, level, pred, r, cellY } = fit;

    dropBlocks.forEach((k, at) => {
      const remaining = N - blockN[k];
      const blockNWithout = Float64Array.from(blockN);
      blockNWithout[k] = 0;
      for (let a = 0; a < A; a++) {
        if (!present[a] || remaining === 0) {
          dropWithout[at * A + a] = NaN;
          continue;
        }
        betaWithout.fill(0);
        for (let b = 0; b < B; b++) if (b !== k) for (let j = 0; j < c; j++) betaWithout[j] += r[(a * B + b) * c + j];
        const base = (at * A + a) * cc;
        solveFactored(dropFactor.subarray(base), dropKept.subarray((at * A + a) * c), c, betaWithout, betaWithout);
        dropWithout[at * A + a] = predictAt(prep, a, (b) => cellY[a * B + b], cellX, blockNWithout, remaining, dropXbar.subarray(at * c), betaWithout, null, B, c);
      }
    });

    armRefits.forEach((i, at) => {
      const person = rows[i];
      const g = arm[person];
      const k = block[person];
      const cell = g * B + k;
      const m = cellN[cell];
      const x = shiftedRow(sparse, person, c);
      betaWithout.fill(0);
      for (let b = 0; b < B; b++) if (b !== k) for (let j = 0; j < c; j++) betaWithout[j] += r[(g * B + b) * c + j];
      let cellMean = 0;
      for (const other of armRefitOthers[at]) cellMean += values[other];
      cellMean /= armRefitOthers[at].length;
      for (const other of armRefitOthers[at]) {
        const v = values[other] - cellMean;
        for (let e = start[other]; e < start[other + 1]; e++) betaWithout[index[e]] += value[e] * v;
      }
      solveFactored(armRefitFactor.subarray(at * cc), armRefitKept.subarray(at * c), c, betaWithout, betaWithout);
      const y = values[person];
      const cellXWithout = Float64Array.from(cellX);
      for (let j = 0; j < c; j++) cellXWithout[cell * c + j] = (m * cellX[cell * c + j] - x[j]) / (m - 1);
      const xbarWithout = Float64Array.from(xbar, (v, j) => (N * v - x[j]) / (N - 1));
      const blockNWithout = Float64Array.from(blockN);
      blockNWithout[k]--;
      const yOf = (b: number) => (b === k ? (m * cellY[cell] - y) / (m - 1) : cellY[g * B + b]);
      armRefitWithout[at] = predictAt(prep, g, yOf, cellXWithout, blockNWithout, N - 1, xbarWithout, betaWithout, null, B, c);
    });

    variance.fill(0);
    s2.fill(0);
    s3.fill(0);
    let armRefitIndex = 0;
    for (let i = 0; i < n; i++) {
      const person = rows[i];
      const g = arm[person];
      const k = block[person];
      const y = values[person];
      const first = start[person];
      const end = start[person + 1];
      for (let a = 0; a < A; a++) {
        if (!present[a]) continue;
        let fitted = level[a * B + k];
        for (let e = first; e < end; e++) fitted += value[e] * beta[a * c + index[e]];
        yhat[a] = fitted;
      }
      const e = y - yhat[g];
      const gap = 1 - h[i];
      if (gap > LEVERAGE_ONE) variance[g] += (weight[i] * weight[i] * e * e) / gap;
      else if (Math.abs(weight[i]) > WEIGHT_NOISE * Math.sqrt(qnorm2[g])) variance[g] = NaN;

      const nh = strata[g * B + k];
      switch (kind[i]) {
        case Kind.Zero:
          break;
        case Kind.Refit:
          addWithout(person, nh, fit, refits.get(i)!, outcomeIndex * A);
          break;
        case Kind.DropBlock:
          addWithout(person, nh, fit, dropWithout, dropIndex[k] * A);
          break;
        case Kind.Closed:
        case Kind.RefitArm: {
          for (let a = 0; a < A; a++) if (present[a]) delta[a] = (yhat[a] - pred[a]) / (N - 1);
          delta[g] =
            kind[i] === Kind.Closed
              ? (y - pred[g] - (e * (1 - N * weight[i])) / gap) / (N - 1)
              : pred[g] - armRefitWithout[armRefitIndex++];
          for (let a = 0; a < A; a++) if (a !== ref && present[a]) add(a, (nh - 1) * (delta[a] - delta[ref]), person);
          break;
        }
      }
    }
    for (const refit of excludedRefits) addWithout(refit.person, refit.nh, fit, refit.without, outcomeIndex * A);

    for (let a = 0; a < A; a++) {
      if (a === ref || !present[a]) continue;
      writeCell(ctx, o, a, pred[a] - pred[ref], Math.sqrt(variance[a] + variance[ref]), s2[a], s3[a], squares);
    }
  });
}
