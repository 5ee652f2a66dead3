import { describe, expect, it } from 'vitest';
import { bootstrapGroups, bootstrapShares, type BootstrapDesign } from '../../src/estimate/bootstrap.js';
import { countCells } from '../../src/estimate/counts.js';
import { differenceSe } from '../../src/estimate/difference.js';
import { nCell, nCellCount, shareCell, shareCellCount, subgroupLayout, type CellLayout } from '../../src/estimate/layout.js';
import { quantileType7 } from '../../src/estimate/percentile.js';
import { StratifiedResampler } from '../../src/estimate/stratifiedResampler.js';
import { MISSING, type Panel } from '../../src/panel/buildPanel.js';
import { RandomStream } from '../../src/random/stream.js';

/**
 * A random panel: persons × 2 outcomes × 4 months, some censored, 3 arms,
 * 2 blocks that raise the outcome's probability by `blockEffect` in block 1,
 * gender with a few missing levels.
 */
function randomDesign(persons: number, seed: number, blockEffect = 0): BootstrapDesign {
  const rng = new RandomStream(seed, 99);
  const O = 2;
  const T = 4;
  const values = new Uint8Array(persons * O * T);
  const arm = new Uint8Array(persons);
  const block = new Int32Array(persons);
  const gender = new Int32Array(persons);
  for (let p = 0; p < persons; p++) {
    arm[p] = p % 3;
    block[p] = rng.nextInt(2);
    gender[p] = rng.nextFloat() < 0.05 ? -1 : rng.nextInt(2);
    const observed = rng.nextFloat() < 0.2 ? 3 : T; // a fifth lose their last month
    for (let o = 0; o < O; o++) {
      for (let t = 0; t < T; t++) {
        values[(p * O + o) * T + t] = t >= observed ? MISSING : rng.nextFloat() < 0.15 + blockEffect * (block[p] - 0.2) + 0.1 * arm[p] + 0.05 * t ? 1 : 0;
      }
    }
  }
  const panel: Panel = { persons, outcomes: ['a', 'b'], months: Int32Array.from([1, 2, 3, 4]), values, status: new Uint8Array(0), censored: new Int32Array(T) };
  const groups = subgroupLayout(persons, new Map([['gender', { levels: ['K', 'M'], codes: gender }]]));
  const layout: CellLayout = { outcomes: O, subgroups: groups.labels.length, arms: 3, months: T };
  return { panel, arm, block, blockCount: 2, groups, layout };
}

/** Every share cell of a resample given as person weights (how often each person was drawn). */
function sharesFromWeights(d: BootstrapDesign, weights: ArrayLike<number>): Float64Array {
  const { panel, layout, groups } = d;
  const n = new Float64Array(nCellCount(layout));
  const events = new Float64Array(shareCellCount(layout));
  for (let p = 0; p < panel.persons; p++) {
    const w = weights[p];
    if (w === 0) continue;
    for (let slot = 0; slot < groups.slots; slot++) {
      const s = groups.memberships[p * groups.slots + slot];
      if (s < 0) continue;
      for (let t = 0; t < layout.months; t++) {
        if (panel.values[p * layout.outcomes * layout.months + t] !== MISSING) n[nCell(layout, s, d.arm[p], t)] += w;
        for (let o = 0; o < layout.outcomes; o++) {
          if (panel.values[(p * layout.outcomes + o) * layout.months + t] === 1) events[shareCell(layout, o, s, d.arm[p], t)] += w;
        }
      }
    }
  }
  return events.map((e, cell) => {
    const denominator = n[cell % nCellCount(layout)];
    return denominator > 0 ? e / denominator : NaN;
  });
}

/**
 * methods.md read literally: per replicate, draw as many persons as each
 * stratum has, with replacement, and recompute every share. `strata` says
 * what a stratum is, so that wrong designs can be checked to fail.
 */
function personResampling(d: BootstrapDesign, seed: number, B: number, stratumOf: (p: number) => number, withReplacement = true): Float64Array {
  const members = new Map<number, number[]>();
  for (let p = 0; p < d.panel.persons; p++) {
    const s = stratumOf(p);
    if (!members.has(s)) members.set(s, []);
    members.get(s)!.push(p);
  }
  const cells = shareCellCount(d.layout);
  const out = new Float64Array(cells * B);
  const weights = new Float64Array(d.panel.persons);
  const rng = new RandomStream(seed, 0);
  for (let b = 0; b < B; b++) {
    rng.reseed(seed, b);
    weights.fill(0);
    for (const list of members.values()) {
      if (withReplacement) {
        for (let k = 0; k < list.length; k++) weights[list[rng.nextInt(list.length)]]++;
      } else {
        for (const p of list) weights[p]++;
      }
    }
    const shares = sharesFromWeights(d, weights);
    for (let cell = 0; cell < cells; cell++) out[cell * B + b] = shares[cell];
  }
  return out;
}

interface Summary {
  mean: number;
  sd: number;
  low: number;
  high: number;
}

function summary(values: Float64Array): Summary {
  const finite = values.filter(Number.isFinite).sort();
  const mean = finite.reduce((s, v) => s + v, 0) / finite.length;
  const sd = Math.sqrt(finite.reduce((s, v) => s + (v - mean) ** 2, 0) / (finite.length - 1));
  return { mean, sd, low: quantileType7(finite, 0.025), high: quantileType7(finite, 0.975) };
}

/**
 * Whether two bootstrap distributions of one statistic, each from B
 * independent replicates, agree within Monte Carlo error, 4 standard errors
 * of the difference of two independent estimates:
 * - means: SE σ/√B each, so √2·σ/√B;
 * - SDs: SE ≈ σ/√(2B) each (near-normal replicates), so σ/√B;
 * - 2.5 % and 97.5 % quantiles: SE √(p(1 − p)/B)/f(q_p), with the normal
 *   density f(q_p) = φ(1.96)/σ, about 0.042·σ at B = 4000, each.
 * At B = 4000 that allows 9 % of σ for means, 6.3 % for SDs and 24 % for
 * the interval ends: a stratification that is ignored (SDs about 35 % or
 * more larger in the test's design) or resampling without replacement
 * (SD 0) is far outside.
 */
function agree(x: Summary, y: Summary, B: number): boolean {
  const sigma = (x.sd + y.sd) / 2;
  const quantileSe = (Math.sqrt((0.025 * 0.975) / B) / 0.05844) * sigma;
  return (
    Math.abs(x.mean - y.mean) < (4 * Math.SQRT2 * sigma) / Math.sqrt(B) &&
    Math.abs(x.sd - y.sd) < (4 * sigma) / Math.sqrt(B) &&
    Math.abs(x.low - y.low) < 4 * Math.SQRT2 * quantileSe &&
    Math.abs(x.high - y.high) < 4 * Math.SQRT2 * quantileSe
  );
}

describe('bootstrapShares', () => {
  const design = randomDesign(600, 1);

  it('has the distribution of person resampling within arm × block (means, SDs and interval ends, several cells)', () => {
    // Blocks that matter (probabilities 0.7 apart): resampling that ignores them is far off.
    const design = randomDesign(600, 1, 0.7);
    const B = 4000;
    const l = design.layout;
    const ours = bootstrapShares(design, 777, B).shares;
    // The reference uses other streams (seed 778): independent replicates of the same distribution.
    const stratum = (p: number) => design.arm[p] * design.blockCount + design.block[p];
    const reference = personResampling(design, 778, B, stratum);
    const ignoringBlocks = personResampling(design, 778, B, (p) => design.arm[p]);
    const withoutReplacement = personResampling(design, 778, 2, stratum, false);
    const cell = (values: Float64Array, c: number, count = B) => values.subarray(c * count, (c + 1) * count);
    const difference = (values: Float64Array, c1: number, c0: number) => cell(values, c1).map((v, b) => v - cell(values, c0)[b]);
    const statistics: [string, (values: Float64Array) => Float64Array][] = [
      ['a, all, arm 0, month 1', (v) => cell(v, shareCell(l, 0, 0, 0, 0))],
      ['a, all, arm 2, month 4 (censored persons left out)', (v) => cell(v, shareCell(l, 0, 0, 2, 3))],
      ['b, gender=K, arm 1, month 2', (v) => cell(v, shareCell(l, 1, 1, 1, 1))],
      ['b, gender=M, arm 0, month 4', (v) => cell(v, shareCell(l, 1, 2, 0, 3))],
      ['a, all, arm 2 − arm 0, month 3', (v) => difference(v, shareCell(l, 0, 0, 2, 2), shareCell(l, 0, 0, 0, 2))],
    ];
    for (const [name, of] of statistics) {
      const x = summary(of(ours));
      expect(agree(x, summary(of(reference)), B), `${name}: ${JSON.stringify(x)} vs ${JSON.stringify(summary(of(reference)))}`).toBe(true);
      // The check has power: resampling the arm as a whole, or without replacement, is told apart.
      expect(agree(x, summary(of(ignoringBlocks)), B), `${name} ignoring blocks`).toBe(false);
    }
    const still = summary(cell(withoutReplacement, shareCell(l, 0, 0, 0, 0), 2));
    expect(agree(summary(statistics[0][1](ours)), still, B)).toBe(false);
  });

  it('gives the same replicates for the same seed, split or whole', () => {
    const whole = bootstrapShares(design, 5, 40);
    expect(bootstrapShares(design, 5, 40).shares).toEqual(whole.shares);
    const firstHalf = bootstrapShares(design, 5, 40, 0, 20);
    const secondHalf = bootstrapShares(design, 5, 40, 20, 40);
    const merged = firstHalf.shares.map((v, i) => (i % 40 < 20 ? v : secondHalf.shares[i]));
    expect(merged).toEqual(whole.shares);
    expect(bootstrapShares(design, 6, 40).shares).not.toEqual(whole.shares);
  });

  it('has replicate means near the point shares and SDs of a difference near the analytic SE', () => {
    const B = 3000;
    const reps = bootstrapShares(design, 11, B);
    const counts = countCells(design.panel, design.arm, design.groups, design.layout);
    const l = design.layout;
    for (const t of [0, 3]) {
      const cellArm = shareCell(l, 0, 0, 2, t);
      const cellRef = shareCell(l, 0, 0, 0, t);
      const n1 = counts.n[nCell(l, 0, 2, t)];
      const n0 = counts.n[nCell(l, 0, 0, t)];
      const point = counts.events[cellArm] / n1 - counts.events[cellRef] / n0;
      let sum = 0;
      let sumSq = 0;
      for (let b = 0; b < B; b++) {
        const d = reps.shares[cellArm * B + b] - reps.shares[cellRef * B + b];
        sum += d;
        sumSq += d * d;
      }
      const mean = sum / B;
      const sd = Math.sqrt(sumSq / B - mean * mean);
      const se = differenceSe(counts.events[cellArm], n1, counts.events[cellRef], n0)!;
      // Monte Carlo error of the mean is sd/sqrt(B) ≈ 0.0008; of the sd about sd/sqrt(2B) ≈ 1.3 %.
      // Strata within blocks make the bootstrap SD slightly smaller than the unstratified analytic SE.
      expect(Math.abs(mean - point)).toBeLessThan(5 * (sd / Math.sqrt(B)));
      expect(sd / se).toBeGreaterThan(0.9);
      expect(sd / se).toBeLessThan(1.06);
    }
  });
});

describe('StratifiedResampler', () => {
  const design = randomDesign(500, 4);

  for (const primaryOutcome of [0, 1]) {
    it(`draws the resample of bootstrapShares: shares from its weights equal the replicate, replicate by replicate (primary outcome ${primaryOutcome})`, () => {
      const d = { ...design, primaryOutcome };
      const B = 12;
      const reps = bootstrapShares(d, 31, B);
      const resampler = new StratifiedResampler(bootstrapGroups(d));
      const weights = new Float64Array(d.panel.persons);
      for (const b of [0, 5, 11]) {
        resampler.draw(31, b, weights);
        // Every stratum drew as many persons as it has.
        const drawn = new Float64Array(6);
        const size = new Float64Array(6);
        for (let p = 0; p < d.panel.persons; p++) {
          drawn[d.arm[p] * 2 + d.block[p]] += weights[p];
          size[d.arm[p] * 2 + d.block[p]]++;
        }
        expect(drawn).toEqual(size);
        const shares = sharesFromWeights(d, weights);
        for (let cell = 0; cell < shares.length; cell++) expect(reps.shares[cell * B + b]).toBe(shares[cell]);
      }
    });
  }
});
