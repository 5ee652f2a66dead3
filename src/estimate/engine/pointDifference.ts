/**
 * `diff` and `blocked` point estimates of one row set (every outcome sharing
 * it), with their analytic SEs and stratified-jackknife accelerations. Only
 * the persons of the arm compared and of the reference enter a cell.
 */
import { blockCount, outcomeOf, sumOfSquares, writeCell, type RowSetContext } from './pointCommon.js';

/**
 * Difference in means, Neyman SE sqrt(s1²/n1 + s0²/n0). Leaving person i of
 * group g out moves the group mean by (y_i − ȳ_g)/(n_g − 1), so the
 * jackknife value is (n_h − 1)(y_i − ȳ_g)/(n_g − 1), negated in the
 * reference (intervals.ts's differenceInfluence with boot's stratum factor).
 */
export function differenceCells(ctx: RowSetContext): void {
  const { design: d, rows, ws, strata } = ctx;
  const A = d.arms;
  const B = blockCount(d);
  const ref = d.reference;
  const n = ws.f64('diff.n', A);
  const mean = ws.f64('diff.mean', A);
  const ss = ws.f64('diff.ss', A);
  const s2 = ws.f64('diff.s2', A);
  const s3 = ws.f64('diff.s3', A);
  for (const o of ctx.outcomes) {
    const y = outcomeOf(ctx, o);
    const squares = sumOfSquares(y, rows);
    n.fill(0);
    mean.fill(0);
    ss.fill(0);
    s2.fill(0);
    s3.fill(0);
    for (let i = 0; i < rows.length; i++) {
      const p = rows[i];
      n[d.arm[p]]++;
      mean[d.arm[p]] += y[p];
    }
    for (let a = 0; a < A; a++) mean[a] /= n[a];
    for (let i = 0; i < rows.length; i++) {
      const p = rows[i];
      const g = d.arm[p];
      const deviation = y[p] - mean[g];
      ss[g] += deviation * deviation;
      const nh = strata[g * B + d.block[p]];
      if (nh <= 1) continue;
      const l = ((nh - 1) * deviation) / (n[g] - 1);
      if (g === ref) {
        for (let a = 0; a < A; a++) {
          if (a === ref) continue;
          s2[a] += l * l;
          s3[a] -= l * l * l;
          ctx.visit?.(o, ctx.s, a, ctx.t, p, -l);
        }
      } else {
        s2[g] += l * l;
        s3[g] += l * l * l;
        ctx.visit?.(o, ctx.s, g, ctx.t, p, l);
      }
    }
    if (n[ref] === 0) continue;
    const v0 = n[ref] > 1 ? ss[ref] / (n[ref] - 1) : NaN;
    for (let a = 0; a < A; a++) {
      if (a === ref || n[a] === 0) continue;
      const v1 = n[a] > 1 ? ss[a] / (n[a] - 1) : NaN;
      writeCell(ctx, o, a, mean[a] - mean[ref], Math.sqrt(v1 / n[a] + v0 / n[ref]), s2[a], s3[a], squares);
    }
  }
}

/**
 * estimatr::difference_in_means(blocks =): within-block differences Δ_k over
 * the blocks where both arms have persons, weighted by n_k / Σ n_k (both
 * arms' persons). SE: estimatr's matched-pairs formula when every
 * contributing block has one person per arm; otherwise Σ w_k² (s1k²/n1k +
 * s0k²/n0k), where an arm with a single person in a block (estimatr refuses
 * that design) borrows the arm's pooled within-block variance.
 */
export function blockedCells(ctx: RowSetContext): void {
  const { design: d, rows, ws, strata } = ctx;
  const A = d.arms;
  const B = blockCount(d);
  const ref = d.reference;
  const count = ws.f64('blocked.count', A * B);
  const mean = ws.f64('blocked.mean', A * B);
  const ss = ws.f64('blocked.ss', A * B);
  const delta = ws.f64('blocked.delta', B);
  const pooled = ws.f64('blocked.pooled', A);
  for (const o of ctx.outcomes) {
    const y = outcomeOf(ctx, o);
    const squares = sumOfSquares(y, rows);
    count.fill(0);
    mean.fill(0);
    ss.fill(0);
    for (let i = 0; i < rows.length; i++) {
      const p = rows[i];
      const cell = d.arm[p] * B + d.block[p];
      count[cell]++;
      mean[cell] += y[p];
    }
    for (let cell = 0; cell < A * B; cell++) if (count[cell] > 0) mean[cell] /= count[cell];
    for (let i = 0; i < rows.length; i++) {
      const p = rows[i];
      const cell = d.arm[p] * B + d.block[p];
      const deviation = y[p] - mean[cell];
      ss[cell] += deviation * deviation;
    }
    for (let g = 0; g < A; g++) {
      let sum = 0;
      let df = 0;
      for (let k = 0; k < B; k++) {
        const m = count[g * B + k];
        if (m < 2) continue;
        sum += ss[g * B + k];
        df += m - 1;
      }
      pooled[g] = df > 0 ? sum / df : NaN;
    }

    for (let a = 0; a < A; a++) {
      if (a === ref) continue;
      let total = 0;
      let weighted = 0;
      let contributing = 0;
      let pairs = true;
      for (let k = 0; k < B; k++) {
        const n1 = count[a * B + k];
        const n0 = count[ref * B + k];
        if (n1 === 0 || n0 === 0) continue;
        delta[k] = mean[a * B + k] - mean[ref * B + k];
        total += n1 + n0;
        weighted += (n1 + n0) * delta[k];
        contributing++;
        if (n1 !== 1 || n0 !== 1) pairs = false;
      }
      if (contributing === 0) continue;
      const estimate = weighted / total;

      let variance = 0;
      if (pairs) {
        let sum = 0;
        for (let k = 0; k < B; k++) {
          if (count[a * B + k] === 0 || count[ref * B + k] === 0) continue;
          sum += (delta[k] - estimate) * (delta[k] - estimate);
        }
        variance = contributing > 1 ? sum / (contributing * (contributing - 1)) : NaN;
      } else {
        for (let k = 0; k < B; k++) {
          const n1 = count[a * B + k];
          const n0 = count[ref * B + k];
          if (n1 === 0 || n0 === 0) continue;
          const v1 = n1 > 1 ? ss[a * B + k] / (n1 - 1) : pooled[a];
          const v0 = n0 > 1 ? ss[ref * B + k] / (n0 - 1) : pooled[ref];
          const w = (n1 + n0) / total;
          variance += w * w * (v1 / n1 + v0 / n0);
        }
      }

      // Leaving person i (arm g, block k) out changes Δ_k by the move of one
      // cell mean and n_k, Σ n_k by one, or drops block k when i was the
      // cell's only person: O(1) per person.
      let s2 = 0;
      let s3 = 0;
      for (let i = 0; i < rows.length; i++) {
        const p = rows[i];
        const g = d.arm[p];
        if (g !== a && g !== ref) continue;
        const k = d.block[p];
        const n1 = count[a * B + k];
        const n0 = count[ref * B + k];
        if (n1 === 0 || n0 === 0) continue;
        const nh = strata[g * B + k];
        if (nh <= 1) continue;
        const nk = n1 + n0;
        const m = count[g * B + k];
        let without: number;
        if (m >= 2) {
          const shift = (y[p] - mean[g * B + k]) / (m - 1);
          const deltaWithout = g === a ? delta[k] - shift : delta[k] + shift;
          without = (weighted - nk * delta[k] + (nk - 1) * deltaWithout) / (total - 1);
        } else {
          without = total > nk ? (weighted - nk * delta[k]) / (total - nk) : NaN;
        }
        const l = (nh - 1) * (estimate - without);
        s2 += l * l;
        s3 += l * l * l;
        ctx.visit?.(o, ctx.s, a, ctx.t, p, l);
      }
      writeCell(ctx, o, a, estimate, Math.sqrt(variance), s2, s3, squares);
    }
  }
}
