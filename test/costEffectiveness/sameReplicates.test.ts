import { describe, expect, it } from 'vitest';
import { costEffectivenessReplicates } from '../../src/costEffectiveness/assessCostEffectiveness.js';
import { drawMultiplicities, resamplingStrata } from '../../src/costEffectiveness/personResampling.js';
import { bootstrapShares } from '../../src/estimate/bootstrap.js';
import { shareCell, subgroupLayout, type CellLayout } from '../../src/estimate/layout.js';
import { MISSING, type Panel } from '../../src/panel/buildPanel.js';
import { RandomStream } from '../../src/random/stream.js';

/** A random panel: 2 outcomes (the primary first) × 5 months, 3 arms, 3 blocks, gender with some missing, a few censored months. */
function randomDesign(persons: number, seed: number) {
  const rng = new RandomStream(seed, 5);
  const O = 2;
  const T = 5;
  const values = new Uint8Array(persons * O * T);
  const arm = new Uint8Array(persons);
  const block = new Int32Array(persons);
  const gender = new Int32Array(persons);
  const cost = new Float64Array(persons);
  for (let p = 0; p < persons; p++) {
    arm[p] = rng.nextInt(3);
    block[p] = rng.nextInt(3);
    gender[p] = rng.nextFloat() < 0.05 ? -1 : rng.nextInt(2);
    cost[p] = rng.nextFloat() < 0.02 ? NaN : 10_000 + 20_000 * arm[p] + rng.nextInt(5000);
    const observed = rng.nextFloat() < 0.15 ? 3 + rng.nextInt(2) : T;
    for (let o = 0; o < O; o++) {
      for (let t = 0; t < T; t++) values[(p * O + o) * T + t] = t >= observed ? MISSING : rng.nextFloat() < 0.1 + 0.08 * arm[p] + 0.04 * t ? 1 : 0;
    }
  }
  const panel: Panel = { persons, outcomes: ['work', 'other'], months: Int32Array.from([1, 2, 3, 4, 5]), values, status: new Uint8Array(0), censored: new Int32Array(T) };
  const groups = subgroupLayout(persons, new Map([['gender', { levels: ['K', 'M'], codes: gender }]]));
  const layout: CellLayout = { outcomes: O, subgroups: groups.labels.length, arms: 3, months: T };
  return { panel, arm, block, blockCount: 3, groups, layout, cost };
}

describe('cost-effectiveness replicates are the main bootstrap’s', () => {
  const d = randomDesign(700, 2);
  const B = 60;
  const seed = 424242;
  const main = bootstrapShares(d, seed, B);
  const config = {
    arms: ['FS', 'SE', 'CM'],
    reference: 'FS',
    bootstrap: { replicates: B, seed, ci: 'percentile' as const, level: 0.95 },
    minCellSize: 5,
    primaryOutcome: 'work',
    primaryMonth: 4,
    followUpMonths: 5,
    valuePerWorkMonth: null,
  };
  const ce = costEffectivenessReplicates({ ...d, costSource: 'person', config });

  it('gives, replicate by replicate, exactly the main bootstrap’s share at the primary month', () => {
    for (const b of [0, 1, 17, 59]) {
      for (let s = 0; s < d.groups.labels.length; s++) {
        for (let a = 0; a < 3; a++) {
          const cell = s * 3 + a;
          expect(ce.share[b * ce.cells + cell]).toBe(main.shares[shareCell(d.layout, 0, s, a, 3) * B + b]);
        }
      }
    }
  });

  it('gives work-months equal to the sum of the main bootstrap’s monthly shares', () => {
    for (const b of [0, 30]) {
      for (let s = 0; s < d.groups.labels.length; s++) {
        for (let a = 0; a < 3; a++) {
          let sum = 0;
          for (let t = 0; t < 5; t++) sum += main.shares[shareCell(d.layout, 0, s, a, t) * B + b];
          expect(ce.workMonths[b * ce.cells + s * 3 + a]).toBeCloseTo(sum, 12);
        }
      }
    }
  });

  it('draws each stratum’s persons as often as it has persons, with RandomStream(seed, b)', () => {
    const strata = resamplingStrata(d.arm, d.block, d.blockCount, 3);
    const times = new Int32Array(700);
    drawMultiplicities(strata, seed, 5, new RandomStream(1, 1), times);
    for (let s = 0; s < 9; s++) {
      let drawn = 0;
      for (let i = strata.offsets[s]; i < strata.offsets[s + 1]; i++) drawn += times[strata.persons[i]];
      expect(drawn).toBe(strata.offsets[s + 1] - strata.offsets[s]);
    }
    const again = new Int32Array(700);
    drawMultiplicities(strata, seed, 5, new RandomStream(9, 9), again);
    expect(again).toEqual(times);
  });
});
