import { describe, expect, it } from 'vitest';
import { bootstrapShares } from '../../src/estimate/bootstrap.js';
import { countCells } from '../../src/estimate/counts.js';
import { differenceSe } from '../../src/estimate/difference.js';
import { nCell, nCellCount, shareCell, shareCellCount, subgroupLayout, type CellLayout } from '../../src/estimate/layout.js';
import { MISSING, type Panel } from '../../src/panel/buildPanel.js';
import { RandomStream } from '../../src/random/stream.js';
import { StratifiedResampler } from '../../src/estimate/stratifiedResampler.js';

/** A random panel: persons × 2 outcomes × 4 months, some censored, 3 arms, 2 blocks, gender. */
function randomDesign(persons: number, seed: number) {
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
    gender[p] = rng.nextInt(2);
    const observed = rng.nextFloat() < 0.2 ? 3 : T; // a fifth lose their last month
    for (let o = 0; o < O; o++) {
      for (let t = 0; t < T; t++) {
        values[(p * O + o) * T + t] = t >= observed ? MISSING : rng.nextFloat() < 0.15 + 0.1 * arm[p] + 0.05 * t ? 1 : 0;
      }
    }
  }
  const panel: Panel = { persons, outcomes: ['a', 'b'], months: Int32Array.from([1, 2, 3, 4]), values, status: new Uint8Array(0), censored: new Int32Array(T) };
  const groups = subgroupLayout(persons, new Map([['gender', { levels: ['K', 'M'], codes: gender }]]));
  const layout: CellLayout = { outcomes: O, subgroups: groups.labels.length, arms: 3, months: T };
  return { panel, arm, block, blockCount: 2, groups, layout };
}

/** methods.md read literally: draw persons within arm × block, recompute every share. */
function naiveReplicate(d: ReturnType<typeof randomDesign>, seed: number, b: number): Float64Array {
  const { panel, layout, groups } = d;
  const strata: number[][] = Array.from({ length: layout.arms * d.blockCount }, () => []);
  for (let p = 0; p < panel.persons; p++) strata[d.arm[p] * d.blockCount + d.block[p]].push(p);
  const rng = new RandomStream(seed, b);
  const n = new Float64Array(nCellCount(layout));
  const events = new Float64Array(shareCellCount(layout));
  for (const members of strata) {
    for (let k = 0; k < members.length; k++) {
      const p = members[rng.nextInt(members.length)];
      for (let slot = 0; slot < groups.slots; slot++) {
        const s = groups.memberships[p * groups.slots + slot];
        if (s < 0) continue;
        for (let t = 0; t < layout.months; t++) {
          if (panel.values[p * layout.outcomes * layout.months + t] !== MISSING) n[nCell(layout, s, d.arm[p], t)]++;
          for (let o = 0; o < layout.outcomes; o++) {
            if (panel.values[(p * layout.outcomes + o) * layout.months + t] === 1) events[shareCell(layout, o, s, d.arm[p], t)]++;
          }
        }
      }
    }
  }
  return events.map((e, cell) => {
    const denominator = n[cell % nCellCount(layout)];
    return denominator > 0 ? e / denominator : NaN;
  });
}

describe('bootstrapShares', () => {
  const design = randomDesign(600, 1);

  it('is exactly person resampling within arm × block, replicate by replicate', () => {
    const B = 25;
    const reps = bootstrapShares(design, 777, B);
    const cells = shareCellCount(design.layout);
    for (const b of [0, 1, 13, 24]) {
      const expected = naiveReplicate(design, 777, b);
      const got = Float64Array.from({ length: cells }, (_, cell) => reps.shares[cell * B + b]);
      expect(Array.from(got)).toEqual(Array.from(expected));
    }
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

  it('draws the resample of bootstrapShares: shares from its weights equal the replicate, replicate by replicate', () => {
    const B = 12;
    const reps = bootstrapShares(design, 31, B);
    const resampler = new StratifiedResampler(design.arm, design.block, design.blockCount, 3);
    const weights = new Float64Array(design.panel.persons);
    const { layout, panel, groups } = design;
    for (const b of [0, 5, 11]) {
      resampler.draw(31, b, weights);
      let total = 0;
      for (const w of weights) total += w;
      expect(total).toBe(panel.persons);
      const n = new Float64Array(nCellCount(layout));
      const events = new Float64Array(shareCellCount(layout));
      for (let p = 0; p < panel.persons; p++) {
        for (let slot = 0; slot < groups.slots; slot++) {
          const s = groups.memberships[p * groups.slots + slot];
          if (s < 0) continue;
          for (let t = 0; t < layout.months; t++) {
            if (panel.values[p * layout.outcomes * layout.months + t] !== MISSING) n[nCell(layout, s, design.arm[p], t)] += weights[p];
            for (let o = 0; o < layout.outcomes; o++) {
              if (panel.values[(p * layout.outcomes + o) * layout.months + t] === 1) events[shareCell(layout, o, s, design.arm[p], t)] += weights[p];
            }
          }
        }
      }
      for (let cell = 0; cell < events.length; cell++) {
        const d = n[cell % nCellCount(layout)];
        expect(reps.shares[cell * B + b]).toBe(d > 0 ? events[cell] / d : NaN);
      }
    }
  });
});
