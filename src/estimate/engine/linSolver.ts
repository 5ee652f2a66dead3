/**
 * `lin` (Lin 2013; estimatr::lm_lin(y ~ arm, covariates = ~ covariates +
 * block)) from a row set's statistics. With nothing aliased the fully
 * interacted regression is one weighted least squares fit per arm g of y on
 * [block one-hot, covariates] among arm g's persons, and the arm's
 * coefficient is the difference between the arm's and the reference's fits
 * predicted at the row set's overall means (block shares and covariate means
 * over all arms). With the blocks absorbed (M_g = Σ_g w c cᵀ − Σ_k S_kg S_kgᵀ
 * / W_kg), the prediction of arm g is
 *
 *   Σ_k π_k ȳ_kg + β_gᵀ (c̄ − Σ_k π_k c̄_kg),   β_g = M_g⁻¹ (Σ_g w c y − Σ_k S_kg ȳ_kg).
 *
 * Where lm_lin would alias columns we follow two documented rules instead
 * of lm's column dropping (which would borrow slopes across arms):
 *
 * 1. Within a row set, a block in which some arm present in the row set has
 *    zero weight is left out of that row set for lin, with all arms'
 *    persons of that block (their block dummy has no within-arm contrast
 *    for that arm). An arm with nobody in the whole row set does not count:
 *    its cells are NaN and it leaves the blocks alone. If no block is left,
 *    every cell of the row set is NaN.
 * 2. Within an arm's fit, a covariate aliased after the block absorption
 *    (e.g. a dummy level nobody of that arm has, or a covariate constant
 *    within blocks) is dropped as factorSkipping drops it: its slope is 0
 *    for that arm, and the other arms keep theirs.
 *
 * Left-out blocks need their persons' Σ w c cᵀ and Σ w c y removed from the
 * arm totals, which the statistics do not keep per block (that would
 * multiply them by the number of blocks for a case that is rare outside
 * small subgroups): those persons are revisited through a (subgroup level,
 * block) index. Hand-coded for the same reason as olsSolver.ts.
 */
import { solveFactored } from '../regression/cholesky.js';
import { factorAbsorbed } from './absorbedFactor.js';
import { cellIndex, markPresentArms, writeNotEstimable, type CellShape, type RowSetSolver } from './rowSetSolver.js';
import { packed, type StatisticLayout } from './statisticLayout.js';

/** Persons of subgroup level s and block k: person[start[s * blocks + k] … start[s * blocks + k + 1] − 1]. */
export interface LevelBlockPersons {
  start: Int32Array;
  person: Int32Array;
}

export interface LinSources {
  layout: StatisticLayout;
  shape: CellShape;
  persons: LevelBlockPersons;
  /** The covariates the statistics were accumulated from (person-major). */
  covariates: Float64Array;
  /** EffectDesign.values. */
  values: Float64Array;
}

export function createLinSolver(sources: LinSources): RowSetSolver {
  const { layout, shape, persons, covariates, values } = sources;
  const { arms, blocks, group, crossBase, cross, valueBase, valueCrossBase, outcomes } = layout;
  const c = layout.covariates;
  const months = shape.months;
  const reference = shape.reference;

  const present = new Uint8Array(arms);
  const keptBlock = new Uint8Array(blocks);
  const share = new Float64Array(blocks);
  const mean = new Float64Array(c);
  const m = new Float64Array(c * c);
  const l = new Float64Array(c * c);
  const kept = new Uint8Array(c);
  const unabsorbed = new Float64Array(c);
  const direction = new Float64Array(c);
  const u = new Float64Array(c);
  const blockSlope = new Float64Array(blocks);
  const blockInverse = new Float64Array(blocks);
  const prediction = new Float64Array(outcomes * arms);

  /** Removes the persons of block k in row set (s, t) from the cross products. */
  const leaveOut = (rows: Float64Array, offset: number, s: number, t: number, k: number, arm: Uint8Array, weight: Float64Array) => {
    if (c === 0) return;
    const end = persons.start[s * blocks + k + 1];
    for (let index = persons.start[s * blocks + k]; index < end; index++) {
      const p = persons.person[index];
      const w = weight[p];
      if (!(w > 0) || Number.isNaN(values[p * outcomes * months + t])) continue;
      const g = arm[p];
      const row = p * c;
      const crossAt = offset + crossBase + g * cross;
      let n = 0;
      for (let i = 0; i < c; i++) {
        const wi = w * covariates[row + i];
        for (let j = 0; j <= i; j++) rows[crossAt + n++] -= wi * covariates[row + j];
      }
      for (let o = 0; o < outcomes; o++) {
        const y = values[(p * outcomes + o) * months + t];
        if (y === 0) continue;
        const valueCrossAt = offset + valueCrossBase + (o * arms + g) * c;
        for (let i = 0; i < c; i++) rows[valueCrossAt + i] -= y * (w * covariates[row + i]);
      }
    }
  };

  return {
    readsOnlyOutcomeSumsWhenSame: false,
    solve(rows, offset, s, t, arm, weight, out) {
      if (!markPresentArms(rows, offset, layout, reference, present)) {
        writeNotEstimable(shape, s, t, out);
        return;
      }

      let keptWeight = 0;
      for (let k = 0; k < blocks; k++) {
        let complete = true;
        let anyone = false;
        let blockWeight = 0;
        for (let g = 0; g < arms; g++) {
          const at = offset + (k * arms + g) * group;
          if (rows[at] > 0.5) anyone = true;
          else if (present[g]) complete = false;
          blockWeight += rows[at + 1];
        }
        keptBlock[k] = complete && anyone ? 1 : 0;
        share[k] = blockWeight;
        if (keptBlock[k]) keptWeight += blockWeight;
        else if (anyone) leaveOut(rows, offset, s, t, k, arm, weight);
      }
      if (!(keptWeight > 0)) {
        writeNotEstimable(shape, s, t, out);
        return;
      }

      mean.fill(0);
      for (let k = 0; k < blocks; k++) {
        if (!keptBlock[k]) continue;
        share[k] /= keptWeight;
        for (let g = 0; g < arms; g++) {
          const at = offset + (k * arms + g) * group;
          for (let j = 0; j < c; j++) mean[j] += rows[at + 2 + j];
        }
      }
      for (let j = 0; j < c; j++) mean[j] /= keptWeight;

      for (let g = 0; g < arms; g++) {
        if (!present[g]) continue;
        // M_g and the direction c̄ − Σ_k π_k c̄_kg, blocks absorbed.
        const crossAt = offset + crossBase + g * cross;
        for (let i = 0; i < c; i++) {
          for (let j = 0; j <= i; j++) m[i * c + j] = rows[crossAt + packed(i, j)];
          unabsorbed[i] = m[i * c + i];
          direction[i] = mean[i];
        }
        for (let k = 0; k < blocks; k++) {
          if (!keptBlock[k]) continue;
          const at = offset + (k * arms + g) * group;
          const inverse = 1 / rows[at + 1];
          for (let i = 0; i < c; i++) {
            const blockMean = rows[at + 2 + i] * inverse;
            direction[i] -= share[k] * blockMean;
            for (let j = 0; j <= i; j++) m[i * c + j] -= blockMean * rows[at + 2 + j];
          }
        }
        if (c > 0) {
          factorAbsorbed(m, unabsorbed, c, l, kept);
          // β_gᵀ d = rᵀ M⁺ d = uᵀ (Σ_g w c y − Σ_k S_kg ȳ_kg): one solve per arm,
          // and u · S_kg per block, serve every outcome.
          solveFactored(l, kept, c, direction, u);
        }
        for (let k = 0; k < blocks; k++) {
          if (!keptBlock[k]) continue;
          const at = offset + (k * arms + g) * group;
          let product = 0;
          for (let i = 0; i < c; i++) product += u[i] * rows[at + 2 + i];
          blockSlope[k] = product;
          blockInverse[k] = 1 / rows[at + 1];
        }
        for (let o = 0; o < outcomes; o++) {
          const valueAt = offset + valueBase + o * blocks * arms + g;
          const valueCrossAt = offset + valueCrossBase + (o * arms + g) * c;
          let level = 0;
          let slope = 0;
          for (let i = 0; i < c; i++) slope += u[i] * rows[valueCrossAt + i];
          for (let k = 0; k < blocks; k++) {
            if (!keptBlock[k]) continue;
            const blockMean = rows[valueAt + k * arms] * blockInverse[k];
            level += share[k] * blockMean;
            slope -= blockSlope[k] * blockMean;
          }
          prediction[o * arms + g] = level + slope;
        }
      }

      for (let o = 0; o < outcomes; o++) {
        for (let a = 0; a < arms; a++) {
          const cell = cellIndex(shape, o, s, a, t);
          out[cell] = a === reference || !present[a] ? NaN : prediction[o * arms + a] - prediction[o * arms + reference];
        }
      }
    },
  };
}

/** The (subgroup level, block) index of LevelBlockPersons; a person counts once per level. */
export function levelBlockPersons(memberships: Int32Array, slots: number, subgroups: number, block: Int32Array, blocks: number): LevelBlockPersons {
  const persons = block.length;
  const start = new Int32Array(subgroups * blocks + 1);
  const eachLevel = (p: number, visit: (bucket: number) => void) => {
    for (let k = 0; k < slots; k++) {
      const s = memberships[p * slots + k];
      if (s < 0) continue;
      let repeated = false;
      for (let j = 0; j < k; j++) if (memberships[p * slots + j] === s) repeated = true;
      if (!repeated) visit(s * blocks + block[p]);
    }
  };
  for (let p = 0; p < persons; p++) eachLevel(p, (bucket) => start[bucket + 1]++);
  for (let b = 0; b < subgroups * blocks; b++) start[b + 1] += start[b];
  const next = start.slice(0, subgroups * blocks);
  const person = new Int32Array(start[subgroups * blocks]);
  for (let p = 0; p < persons; p++) eachLevel(p, (bucket) => (person[next[bucket]++] = p));
  return { start, person };
}
