import { describe, expect, it } from 'vitest';
import { costEffectivenessCells, costEffectivenessReplicates, helpWithCostEffectiveness } from '../../src/costEffectiveness/assessCostEffectiveness.js';
import { replicateCounters } from '../../src/threads/replicateClaims.js';
import { drawMultiplicities, resamplingGroups } from '../../src/costEffectiveness/personResampling.js';
import { bootstrapGroups, bootstrapShares } from '../../src/estimate/bootstrap.js';
import { GroupCounts } from '../../src/estimate/groupMultinomial.js';
import { StratifiedResampler } from '../../src/estimate/stratifiedResampler.js';
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

  it('are the same when another thread computed them (helpWithCostEffectiveness)', () => {
    const cells = costEffectivenessCells(d.groups.labels.length, 3);
    const shared = () => new Float64Array(new SharedArrayBuffer(cells * B * 8));
    const sharing = { counters: replicateCounters(), meanCost: shared(), workMonths: shared(), share: shared() };
    helpWithCostEffectiveness({ ...d, costSource: 'person', config, sharing });
    expect(sharing.counters[1]).toBe(B);
    const helped = costEffectivenessReplicates({ ...d, costSource: 'person', config, sharing });
    expect(helped.cells).toBe(cells);
    for (const series of ['meanCost', 'workMonths', 'share'] as const) expect(Array.from(helped[series])).toEqual(Array.from(ce[series]));
    expect(helped.point).toEqual(ce.point);
  });

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

  const groups = resamplingGroups({ panel: d.panel, outcome: 0, arm: d.arm, block: d.block, blockCount: d.blockCount, arms: 3, groups: d.groups });
  const counts = new GroupCounts(groups);

  it('draws each stratum’s persons as often as it has persons, the same for the same (seed, b)', () => {
    const times = new Int32Array(700);
    drawMultiplicities(groups, seed, 5, new RandomStream(1, 1), counts, times);
    const drawn = new Int32Array(9);
    const size = new Int32Array(9);
    for (let p = 0; p < 700; p++) {
      drawn[d.arm[p] * 3 + d.block[p]] += times[p];
      size[d.arm[p] * 3 + d.block[p]]++;
    }
    expect(drawn).toEqual(size);
    const again = new Int32Array(700);
    drawMultiplicities(groups, seed, 5, new RandomStream(9, 9), counts, again);
    expect(again).toEqual(times);
  });

  it('draws the refitting estimators’ replicate too: equal counts in every group of stratum, subgroups and primary outcome history', () => {
    const resampler = new StratifiedResampler(bootstrapGroups(d));
    const weights = new Float64Array(700);
    const times = new Int32Array(700);
    const key = (p: number) => `${d.arm[p]},${d.block[p]},${d.groups.memberships[p * 2 + 1]},${Array.from(d.panel.values.subarray(p * 10, p * 10 + 5)).join('')}`;
    for (const b of [0, 7, 33]) {
      resampler.draw(seed, b, weights);
      drawMultiplicities(groups, seed, b, new RandomStream(0, 0), counts, times);
      const main = new Map<string, number>();
      const cea = new Map<string, number>();
      for (let p = 0; p < 700; p++) {
        main.set(key(p), (main.get(key(p)) ?? 0) + weights[p]);
        cea.set(key(p), (cea.get(key(p)) ?? 0) + times[p]);
      }
      expect(cea).toEqual(main);
    }
  });

  it('gives each replicate’s mean costs from the persons drawn: as recomputed from drawMultiplicities', () => {
    const times = new Int32Array(700);
    for (const b of [0, 12, 59]) {
      drawMultiplicities(groups, seed, b, new RandomStream(0, 0), counts, times);
      for (let s = 0; s < d.groups.labels.length; s++) {
        for (let a = 0; a < 3; a++) {
          let sum = 0;
          let persons = 0;
          for (let p = 0; p < 700; p++) {
            if (d.arm[p] !== a || Number.isNaN(d.cost[p]) || (s > 0 && d.groups.memberships[p * 2 + 1] !== s)) continue;
            sum += times[p] * d.cost[p];
            persons += times[p];
          }
          expect(ce.meanCost[b * ce.cells + s * 3 + a]).toBeCloseTo(sum / persons, 9);
        }
      }
    }
  });
});
