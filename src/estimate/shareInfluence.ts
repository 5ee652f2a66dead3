/**
 * Jackknife influence sums of shares, for BCa's acceleration (methods.md:
 * "computed in linear time for linear statistics"). boot's stratified
 * jackknife value of person i is L_i = (N_h − 1)(t − t₍₋ᵢ₎), h the person's
 * bootstrap stratum (arm × block) and N_h its size in the whole trial. For
 * the share of a cell with n persons observed and e in the outcome,
 * t − t₍₋ᵢ₎ = (y_i − ȳ)/(n − 1) for the cell's persons and 0 for everyone
 * else, so Σ L² and Σ L³ follow from the cell's persons and events in each
 * block: no leave-one-out loop, whatever N. A difference of two shares has
 * the arm's L and minus the reference's, on disjoint persons, so its sums
 * are Σ L²_arm + Σ L²_ref and Σ L³_arm − Σ L³_ref.
 */
import type { Panel } from '../panel/buildPanel.js';
import { countCells } from './counts.js';
import { nCell, shareCell, shareCellCount, type CellLayout, type SubgroupLayout } from './layout.js';

export interface InfluenceSums {
  /** Σ L² and Σ L³ per share cell. */
  squares: Float64Array;
  cubes: Float64Array;
}

export function shareInfluenceSums(panel: Panel, arm: Uint8Array, block: Int32Array, blockCount: number, groups: SubgroupLayout, layout: CellLayout): InfluenceSums {
  const K = blockCount;
  // Cells by arm × block: the same counts with "arm" a * K + k.
  const stratumOf = new Int32Array(arm.length);
  for (let p = 0; p < arm.length; p++) stratumOf[p] = arm[p] * K + block[p];
  const stratumLayout: CellLayout = { ...layout, arms: layout.arms * K };
  const counts = countCells(panel, stratumOf, groups, stratumLayout);
  const stratumSize = new Float64Array(layout.arms * K);
  for (let p = 0; p < arm.length; p++) stratumSize[stratumOf[p]]++;

  const squares = new Float64Array(shareCellCount(layout));
  const cubes = new Float64Array(shareCellCount(layout));
  for (let o = 0; o < layout.outcomes; o++) {
    for (let s = 0; s < layout.subgroups; s++) {
      for (let a = 0; a < layout.arms; a++) {
        for (let t = 0; t < layout.months; t++) {
          let n = 0;
          let e = 0;
          for (let k = 0; k < K; k++) {
            n += counts.n[nCell(stratumLayout, s, a * K + k, t)];
            e += counts.events[shareCell(stratumLayout, o, s, a * K + k, t)];
          }
          if (n < 2) continue;
          const mean = e / n;
          let s2 = 0;
          let s3 = 0;
          for (let k = 0; k < K; k++) {
            const m = counts.n[nCell(stratumLayout, s, a * K + k, t)];
            if (m === 0) continue;
            const ek = counts.events[shareCell(stratumLayout, o, s, a * K + k, t)];
            const c = (stratumSize[a * K + k] - 1) / (n - 1);
            const up = c * (1 - mean);
            const down = -c * mean;
            s2 += ek * up * up + (m - ek) * down * down;
            s3 += ek * up * up * up + (m - ek) * down * down * down;
          }
          const cell = shareCell(layout, o, s, a, t);
          squares[cell] = s2;
          cubes[cell] = s3;
        }
      }
    }
  }
  return { squares, cubes };
}

/** BCa acceleration from influence sums: Σ L³ / (6 (Σ L²)^{3/2}); 0 when Σ L² = 0. */
export function accelerationFromSums(squares: number, cubes: number): number {
  return squares > 0 ? cubes / (6 * Math.pow(squares, 1.5)) : 0;
}
