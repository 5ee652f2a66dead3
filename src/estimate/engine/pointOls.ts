/**
 * `ols` point estimates of one row set: lm_robust(y ~ arm + block +
 * covariates, se_type = "HC2") over every arm's persons, fitted by absorbing
 * the blocks (Frisch–Waugh–Lovell: demean within blocks, then regress on the
 * demeaned [non-reference arm dummies, covariates]), so a row set costs
 * O(n nnz²) with nnz a person's nonzero columns (at most p = arms − 1 +
 * covariates) instead of the O(n (p + blocks)²) of the dense design with
 * block dummies. Hand-coded: no library in the project does least squares,
 * and the closed-form leave-one-out below is what makes the jackknife linear.
 *
 * With G̃ the demeaned columns, S = G̃ᵀG̃ and u_i = S⁻¹ g̃_i (the coefficient
 * rows of (XᵀX)⁻¹ x_i in the full model):
 *   leverage   h_i = 1/n_block + g̃_iᵀ u_i
 *   HC2        Var(β_a) = Σ u_ia² e_i² / (1 − h_i)        (full-model e_i)
 *   jackknife  β_a − β_a(−i) = u_ia e_i / (1 − h_i)
 * Columns aliased once the blocks are absorbed are dropped as lm drops them
 * (factorSkipping), an arm's dummy included: its estimate is then NaN; so
 * is the estimate of an arm that shares no block with the reference,
 * directly or through other arms (its coefficient would be a contrast with
 * another arm). Nothing n × p is formed: S = Σ_k (Σ_{i∈k} g gᵀ − n_k ḡ_k ḡ_kᵀ)
 * from the sparse shifted covariates, G̃ᵀỹ = Gᵀy − Σ_k ȳ_k Σ_{i∈k} g, and
 * g̃ᵀ S⁻¹ g̃ = gᵀWg − 2 gᵀ(Wḡ_k) + ḡ_kᵀWḡ_k with W = S⁻¹ and per-block terms
 * (recomputed from the dense row where 1 − h is small and that cancels).
 * A person with a leverage (nearly) one is refitted without them instead of
 * updated: see below.
 *
 * Everything but y depends only on the row set's persons, and a subgroup
 * level usually holds the same persons month after month (nobody censored
 * in between): that covariate side is kept per level and reused while the
 * persons stay the same, so such a month costs only the outcome side.
 */
import { solveFactored } from '../regression/cholesky.js';
import {
  LEVERAGE_ONE,
  LEVERAGE_RECOMPUTE,
  LEVERAGE_REFIT,
  PointWorkspace,
  WEIGHT_NOISE,
  blockCount,
  connectedToReference,
  factorWithin,
  inverseLower,
  outcomeOf,
  writeCell,
  type RowSetContext,
} from './pointCommon.js';

/** Leaving out a person of leverage (nearly) one: the refactored fit without them. */
interface Refit {
  row: number;
  factor: Float64Array;
  kept: Uint8Array;
  /** Per arm: still a contrast with the reference without this person. */
  estimable: Uint8Array;
  /** The other rows of the person's block. */
  others: Int32Array;
}

/** The columns after absorbing the blocks: the non-reference arms' dummies, then the covariates. */
interface Columns {
  p: number;
  q: number;
  armColumn: Int32Array;
  columnArm: Int32Array;
  arm: Uint8Array;
  start: Int32Array;
  index: Int32Array;
  value: Float64Array;
}

/** What a row set's fit needs of its persons but not of their outcomes. */
interface CovariateSide {
  /** The persons it was computed for (a copy), to recognise the same persons next month. */
  rows: Int32Array;
  /** The level's own buffers: the shared workspace is overwritten by the other levels' row sets in between. */
  ws: PointWorkspace;
  /** Whether some arm is estimable; u, h, norm2 and the refits are left empty if not. */
  any: boolean;
  estimable: Uint8Array;
  blockN: Float64Array;
  blockSum: Float64Array;
  mean: Float64Array;
  factor: Float64Array;
  kept: Uint8Array;
  u: Float64Array;
  h: Float64Array;
  norm2: Float64Array;
  refits: Refit[];
  /** Per row: its index in refits, −1 if it is not refitted (an array, not a map: read per row and outcome). */
  refitAt: Int32Array;
}

/**
 * Per run (a workspace serves one effectPointEstimates call) and subgroup
 * level, the covariate side of the level's last row set: per level because
 * effectPointEstimates visits every level of a month before the next month,
 * so the row set before a level's month is another level's.
 */
const covariateSides = new WeakMap<PointWorkspace, Map<number, CovariateSide>>();

/** Adds person's g gᵀ (lower triangle) into cross[at …] and g into sums[sumAt …]. */
function addRow(cols: Columns, person: number, cross: Float64Array, at: number, sums: Float64Array, sumAt: number): void {
  const { p, q, start, index, value } = cols;
  const column = cols.armColumn[cols.arm[person]];
  const first = start[person];
  const end = start[person + 1];
  if (column >= 0) {
    sums[sumAt + column] += 1;
    cross[at + column * p + column] += 1;
    for (let e = first; e < end; e++) cross[at + (q + index[e]) * p + column] += value[e];
  }
  for (let e = first; e < end; e++) {
    const j = q + index[e];
    const v = value[e];
    sums[sumAt + j] += v;
    for (let f = first; f <= e; f++) cross[at + j * p + q + index[f]] += v * value[f];
  }
}

/** Adds weight × g of person into sums[sumAt …]. */
function addWeighted(cols: Columns, person: number, sums: Float64Array, sumAt: number, weight: number): void {
  const { q, start, index, value } = cols;
  const column = cols.armColumn[cols.arm[person]];
  if (column >= 0) sums[sumAt + column] += weight;
  for (let e = start[person]; e < start[person + 1]; e++) sums[sumAt + q + index[e]] += weight * value[e];
}

/** Turns Σ g gᵀ of m persons with sums Σ g into their within-group cross products, in place. */
function centre(p: number, cross: Float64Array, at: number, sums: Float64Array, sumAt: number, m: number): void {
  for (let a = 0; a < p; a++) {
    const mean = sums[sumAt + a] / m;
    if (mean === 0) continue;
    for (let b = 0; b <= a; b++) cross[at + a * p + b] -= mean * sums[sumAt + b];
  }
}

function sameRows(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The covariate side of ctx's row set: the level's last one if it holds the same persons, else computed anew. */
function covariateSideOf(ctx: RowSetContext, cols: Columns): CovariateSide {
  let sides = covariateSides.get(ctx.ws);
  if (!sides) {
    sides = new Map();
    covariateSides.set(ctx.ws, sides);
  }
  let side = sides.get(ctx.s);
  if (side && sameRows(side.rows, ctx.rows)) return side;
  const ws = side ? side.ws : new PointWorkspace();
  side = computeCovariateSide(ctx, cols, ws);
  sides.set(ctx.s, side);
  return side;
}

/** What personLeverage reads (a row set's covariate side) and writes (u, h, Σ u²). */
interface LeverageInputs {
  cols: Columns;
  block: Int32Array;
  blockN: Float64Array;
  mean: Float64Array;
  w: Float64Array;
  wMean: Float64Array;
  meanQuad: Float64Array;
  inverse: Float64Array;
  u: Float64Array;
  h: Float64Array;
  norm2: Float64Array;
}

/**
 * Row i's (person's) leverage h_i and coefficient rows u_i (module
 * comment), and its share of Σ u². A function of its own, called per
 * person, so that V8 optimises it after a few persons; inside
 * computeCovariateSide, which runs once per subgroup level, it waited for
 * on-stack replacement of the whole function.
 */
function personLeverage(L: LeverageInputs, i: number, person: number): void {
  const { cols, block, blockN, mean, w, wMean, meanQuad, inverse, u, h, norm2 } = L;
  const { p, q, armColumn, arm, start, index, value } = cols;
  const k = block[person];
  const column = armColumn[arm[person]];
  const first = start[person];
  const end = start[person + 1];
  // gᵀWg − 2 gᵀWḡ_k over the person's nonzeros (the arm dummy, then covariates).
  let quad = 0;
  if (column >= 0) {
    quad += w[column * p + column] - 2 * wMean[k * p + column];
    for (let e = first; e < end; e++) quad += 2 * value[e] * w[(q + index[e]) * p + column];
  }
  for (let e = first; e < end; e++) {
    const j = q + index[e];
    const v = value[e];
    quad += v * (v * w[j * p + j] - 2 * wMean[k * p + j]);
    for (let f = first; f < e; f++) quad += 2 * v * value[f] * w[j * p + q + index[f]];
  }
  h[i] = 1 / blockN[k] + quad + meanQuad[k];
  if (1 - h[i] < LEVERAGE_RECOMPUTE) {
    const row = demeanedRow(cols, mean, person, k);
    let leverage = 1 / blockN[k];
    for (let m = 0; m < p; m++) {
      let total = 0;
      for (let j = 0; j <= m; j++) total += inverse[m * p + j] * row[j];
      leverage += total * total;
    }
    h[i] = leverage;
  }
  for (let j = 0; j < q; j++) {
    let total = (column >= 0 ? w[j * p + column] : 0) - wMean[k * p + j];
    for (let e = first; e < end; e++) total += w[j * p + q + index[e]] * value[e];
    u[i * q + j] = total;
    norm2[j] += total * total;
  }
}

/** The person's row demeaned within block k: g − ḡ_k. */
function demeanedRow(cols: Columns, mean: Float64Array, person: number, k: number): Float64Array {
  const { p, q, armColumn, arm, start, index, value } = cols;
  const row = new Float64Array(p);
  for (let j = 0; j < p; j++) row[j] = -mean[k * p + j];
  if (armColumn[arm[person]] >= 0) row[armColumn[arm[person]]] += 1;
  for (let e = start[person]; e < start[person + 1]; e++) row[q + index[e]] += value[e];
  return row;
}

function computeCovariateSide(ctx: RowSetContext, cols: Columns, own: PointWorkspace): CovariateSide {
  const { design: d, rows, ws, strata, sparse } = ctx;
  const { start, index, value, shift } = sparse;
  const { p, q, armColumn, columnArm } = cols;
  const A = d.arms;
  const B = blockCount(d);
  const ref = d.reference;
  const c = d.covariateCount;
  const n = rows.length;
  const arm = d.arm;
  const block = d.block;
  const pp = p * p;

  // Per block: Σ g gᵀ of the shifted rows g (lower triangles), then the
  // block's within cross products W_k; S = Σ_k W_k. Kept per block so that a
  // refit without one person recomputes only that person's block.
  const blockN = own.zeros('ols.blockN', B);
  const cells = ws.zeros('ols.cells', A * B);
  const blockSum = own.zeros('ols.blockSum', B * p);
  const within = ws.zeros('ols.within', B * pp);
  for (let i = 0; i < n; i++) {
    const person = rows[i];
    const k = block[person];
    blockN[k]++;
    cells[arm[person] * B + k]++;
    addRow(cols, person, within, k * pp, blockSum, k * p);
  }
  // Raw (unshifted) sums of squares, the scale against which aliasing is judged.
  const raw = ws.zeros('ols.raw', p);
  for (let k = 0; k < B; k++) {
    for (let j = 0; j < p; j++) raw[j] += within[k * pp + j * p + j];
    for (let j = 0; j < c; j++) raw[q + j] += 2 * shift[j] * blockSum[k * p + q + j];
  }
  for (let j = 0; j < c; j++) raw[q + j] += n * shift[j] * shift[j];
  const s = ws.zeros('ols.s', pp);
  const mean = own.zeros('ols.mean', B * p);
  for (let k = 0; k < B; k++) {
    if (blockN[k] === 0) continue;
    centre(p, within, k * pp, blockSum, k * p, blockN[k]);
    for (let e = 0; e < pp; e++) s[e] += within[k * pp + e];
    for (let a = 0; a < p; a++) mean[k * p + a] = blockSum[k * p + a] / blockN[k];
  }

  const factor = own.f64('ols.factor', p * p);
  const kept = own.u8('ols.kept', p);
  factorWithin(s, raw, p, ws.f64('ols.work', p * p), factor, kept);
  const connected = connectedToReference(cells, A, B, ref);
  const estimable = new Uint8Array(q);
  let any = false;
  for (let j = 0; j < q; j++) {
    estimable[j] = connected[columnArm[j]] && kept[j] ? 1 : 0;
    if (estimable[j]) any = true;
  }
  const side: CovariateSide = {
    rows: rows.slice(),
    ws: own,
    any,
    estimable,
    blockN,
    blockSum,
    mean,
    factor,
    kept,
    u: new Float64Array(0),
    h: new Float64Array(0),
    norm2: new Float64Array(0),
    refits: [],
    refitAt: new Int32Array(0),
  };
  if (!any) return side;

  // W = S⁻¹ = L⁻ᵀL⁻¹ (zero where aliased); per block Wḡ_k and ḡ_kᵀWḡ_k.
  const inverse = ws.f64('ols.inverse', p * p);
  inverseLower(factor, kept, p, inverse);
  const w = ws.zeros('ols.w', p * p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b <= a; b++) {
      let total = 0;
      for (let m = a; m < p; m++) total += inverse[m * p + a] * inverse[m * p + b];
      w[a * p + b] = total;
      w[b * p + a] = total;
    }
  }
  const wMean = ws.zeros('ols.wMean', B * p);
  const meanQuad = ws.zeros('ols.meanQuad', B);
  for (let k = 0; k < B; k++) {
    if (blockN[k] === 0) continue;
    let quad = 0;
    for (let a = 0; a < p; a++) {
      let total = 0;
      for (let b = 0; b < p; b++) total += w[a * p + b] * mean[k * p + b];
      wMean[k * p + a] = total;
      quad += mean[k * p + a] * total;
    }
    meanQuad[k] = quad;
  }

  const u = own.f64('ols.u', n * q);
  const h = own.f64('ols.h', n);
  const norm2 = new Float64Array(q);
  const leverages: LeverageInputs = { cols, block, blockN, mean, w, wMean, meanQuad, inverse, u, h, norm2 };
  for (let i = 0; i < n; i++) personLeverage(leverages, i, rows[i]);

  // Leverage-one persons who are not alone in their block: leaving one out
  // lowers the rank (or, at a leverage near one, nearly so), so refit: S
  // without the person's block, plus the
  // block's within cross products recomputed without the person (a
  // downdate S − m/(m − 1) g̃ g̃ᵀ would leave rounding noise where the rank
  // drops, which the aliasing tests could take for a column).
  const refits: Refit[] = [];
  for (let i = 0; i < n; i++) {
    const person = rows[i];
    const k = block[person];
    const g = arm[person];
    if (1 - h[i] > LEVERAGE_REFIT || blockN[k] < 2 || strata[g * B + k] <= 1) continue;
    const others: number[] = [];
    for (let j = 0; j < n; j++) if (j !== i && block[rows[j]] === k) others.push(j);
    const cross = new Float64Array(pp);
    const sums = new Float64Array(p);
    for (const j of others) addRow(cols, rows[j], cross, 0, sums, 0);
    centre(p, cross, 0, sums, 0, others.length);
    const withoutS = new Float64Array(pp);
    for (let b = 0; b < B; b++) {
      if (b === k || blockN[b] === 0) continue;
      for (let e = 0; e < pp; e++) withoutS[e] += within[b * pp + e];
    }
    for (let e = 0; e < pp; e++) withoutS[e] += cross[e];
    const rawWithout = Float64Array.from(raw);
    if (armColumn[g] >= 0) rawWithout[armColumn[g]] -= 1;
    for (let j = 0; j < c; j++) rawWithout[q + j] -= d.covariates[person * c + j] ** 2;
    const refit: Refit = { row: i, factor: new Float64Array(pp), kept: new Uint8Array(p), estimable: new Uint8Array(q), others: Int32Array.from(others) };
    factorWithin(withoutS, rawWithout, p, new Float64Array(pp), refit.factor, refit.kept);
    cells[g * B + k]--;
    const stillConnected = connectedToReference(cells, A, B, ref);
    cells[g * B + k]++;
    for (let j = 0; j < q; j++) refit.estimable[j] = stillConnected[columnArm[j]] && refit.kept[j] ? 1 : 0;
    refits.push(refit);
  }
  side.u = u;
  side.h = h;
  side.norm2 = norm2;
  side.refits = refits;
  const refitAt = new Int32Array(n).fill(-1);
  refits.forEach((refit, at) => (refitAt[refit.row] = at));
  side.refitAt = refitAt;
  return side;
}

/**
 * Σ y² of the row set's persons, and into ybar and part their Σ y per
 * block and Σ y g per block (arm dummy, then covariates). This and
 * residualMoments are functions of their own, though called from one place
 * each: they are the loops over persons olsCells runs for every outcome of
 * every row set, and on their own V8 optimises them after a few calls;
 * inside olsCells they waited for on-stack replacement of the whole
 * function, which is large and runs only 75 times at the fixture.
 */
function outcomeSums(cols: Columns, rows: Int32Array, block: Int32Array, y: Float64Array, ybar: Float64Array, part: Float64Array): number {
  const { p, q, armColumn, arm, start, index, value } = cols;
  let squares = 0;
  for (let i = 0; i < rows.length; i++) {
    const person = rows[i];
    const k = block[person];
    const v = y[person];
    ybar[k] += v;
    squares += v * v;
    if (v === 0) continue;
    const column = armColumn[arm[person]];
    if (column >= 0) part[k * p + column] += v;
    for (let e = start[person]; e < start[person + 1]; e++) part[k * p + q + index[e]] += value[e] * v;
  }
  return squares;
}

/** What residualMoments reads (the fit of one outcome) and the sums it adds to. */
interface ResidualInputs {
  cols: Columns;
  rows: Int32Array;
  block: Int32Array;
  strata: Int32Array;
  B: number;
  y: Float64Array;
  ybar: Float64Array;
  meanFit: Float64Array;
  beta: Float64Array;
  u: Float64Array;
  h: Float64Array;
  norm2: Float64Array;
  refitAt: Int32Array;
  without: Float64Array;
  variance: Float64Array;
  s2: Float64Array;
  s3: Float64Array;
}

/**
 * Adds each person's share of the HC2 variance and of the jackknife's Σ L²
 * and Σ L³ of every arm column; `visit` hears each nonzero L (column j).
 */
function residualMoments(r: ResidualInputs, visit: ((j: number, person: number, l: number) => void) | undefined): void {
  const { cols, rows, block, strata, B, y, ybar, meanFit, beta, u, h, norm2, refitAt, without, variance, s2, s3 } = r;
  const { q, armColumn, arm, start, index, value } = cols;
  for (let i = 0; i < rows.length; i++) {
    const person = rows[i];
    const k = block[person];
    const column = armColumn[arm[person]];
    // e = ỹ − g̃ᵀβ = ỹ − gᵀβ + ḡ_kᵀβ
    let e = y[person] - ybar[k] + meanFit[k];
    if (column >= 0) e -= beta[column];
    for (let f = start[person]; f < start[person + 1]; f++) e -= value[f] * beta[q + index[f]];
    const nh = strata[arm[person] * B + k];
    const gap = 1 - h[i];
    const refit = refitAt[i];
    if (gap > LEVERAGE_ONE) {
      const weight = (e * e) / gap;
      for (let j = 0; j < q; j++) {
        const uij = u[i * q + j];
        variance[j] += uij * uij * weight;
        if (nh > 1) {
          const l = (nh - 1) * (refit < 0 ? (uij * e) / gap : beta[j] - without[refit * q + j]);
          s2[j] += l * l;
          s3[j] += l * l * l;
          if (visit) visit(j, person, l);
        }
      }
      continue;
    }
    // Leverage one: the residual is 0 by construction and says nothing of
    // the person's variance, which matters only where the person weighs.
    for (let j = 0; j < q; j++) if (Math.abs(u[i * q + j]) > WEIGHT_NOISE * Math.sqrt(norm2[j])) variance[j] = NaN;
    // Alone in the block, the person does not enter the other coefficients.
    if (refit < 0) continue;
    for (let j = 0; j < q; j++) {
      const l = (nh - 1) * (beta[j] - without[refit * q + j]);
      s2[j] += l * l;
      s3[j] += l * l * l;
      if (visit) visit(j, person, l);
    }
  }
}

export function olsCells(ctx: RowSetContext): void {
  const { design: d, rows, ws, strata, sparse } = ctx;
  const { start, index, value } = sparse;
  const A = d.arms;
  const B = blockCount(d);
  const ref = d.reference;
  const q = A - 1;
  const p = q + d.covariateCount;
  const n = rows.length;
  if (n === 0) return;
  const arm = d.arm;
  const block = d.block;
  const visit = ctx.visit;

  const armColumn = new Int32Array(A).fill(-1);
  const columnArm = new Int32Array(q);
  for (let a = 0, j = 0; a < A; a++) {
    if (a === ref) continue;
    armColumn[a] = j;
    columnArm[j++] = a;
  }
  const cols: Columns = { p, q, armColumn, columnArm, arm, start, index, value };
  const side = covariateSideOf(ctx, cols);
  if (!side.any) return;
  const { estimable, blockN, blockSum, mean, factor, kept, u, h, norm2, refits, refitAt } = side;

  const ybar = ws.f64('ols.ybar', B);
  const beta = ws.f64('ols.beta', p);
  const meanFit = ws.f64('ols.meanFit', B);
  const tmp = ws.f64('ols.tmp', p);
  const without = new Float64Array(refits.length * q);
  const variance = new Float64Array(q);
  const s2 = new Float64Array(q);
  const s3 = new Float64Array(q);
  for (const o of ctx.outcomes) {
    const y = outcomeOf(ctx, o);
    // Block means of y, Σ y², and G̃ᵀỹ = Gᵀy − Σ_k ȳ_k Σ_{i∈k} g_i per block (so
    // that a refit can replace one block's part), in one pass.
    ybar.fill(0);
    const part = ws.zeros('ols.part', B * p);
    const squares = outcomeSums(cols, rows, block, y, ybar, part);
    for (let k = 0; k < B; k++) {
      if (blockN[k] === 0) continue;
      ybar[k] /= blockN[k];
      for (let j = 0; j < p; j++) part[k * p + j] -= ybar[k] * blockSum[k * p + j];
    }
    beta.fill(0);
    for (let k = 0; k < B; k++) for (let j = 0; j < p; j++) beta[j] += part[k * p + j];
    solveFactored(factor, kept, p, beta, beta);
    for (let k = 0; k < B; k++) {
      let total = 0;
      for (let j = 0; j < p; j++) total += mean[k * p + j] * beta[j];
      meanFit[k] = total;
    }

    refits.forEach((refit, at) => {
      const k = block[rows[refit.row]];
      tmp.fill(0);
      for (let b = 0; b < B; b++) if (b !== k) for (let j = 0; j < p; j++) tmp[j] += part[b * p + j];
      let blockMean = 0;
      for (const j of refit.others) blockMean += y[rows[j]];
      blockMean /= refit.others.length;
      const blockPart = new Float64Array(p);
      for (const j of refit.others) addWeighted(cols, rows[j], blockPart, 0, y[rows[j]] - blockMean);
      for (let j = 0; j < p; j++) tmp[j] += blockPart[j];
      solveFactored(refit.factor, refit.kept, p, tmp, tmp);
      for (let j = 0; j < q; j++) without[at * q + j] = refit.estimable[j] ? tmp[j] : NaN;
    });

    variance.fill(0);
    s2.fill(0);
    s3.fill(0);
    residualMoments({ cols, rows, block, strata, B, y, ybar, meanFit, beta, u, h, norm2, refitAt, without, variance, s2, s3 }, visit && ((j, person, l) => visit(o, ctx.s, columnArm[j], ctx.t, person, l)));
    for (let j = 0; j < q; j++) {
      if (!estimable[j]) continue;
      writeCell(ctx, o, columnArm[j], beta[j], Math.sqrt(variance[j]), s2[j], s3[j], squares);
    }
  }
}
