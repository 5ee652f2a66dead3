import { describe, expect, it } from 'vitest';
import { estimateComposition } from '../../src/composition/estimateComposition.js';
import { statusPanel } from '../../src/composition/statusPanel.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import { estimate } from '../../src/estimate/estimate.js';
import { subgroupLayout } from '../../src/estimate/layout.js';
import { MISSING, type Panel } from '../../src/panel/buildPanel.js';
import { STATUS_NAMES } from '../../src/panel/spellTypes.js';
import { RandomStream } from '../../src/random/stream.js';

const S = STATUS_NAMES.length;

/** A random status panel: 3 arms, 2 blocks, 4 months, statuses skewed by arm, a few censored months. */
function randomStatusDesign(persons: number, seed: number) {
  const rng = new RandomStream(seed, 1);
  const T = 4;
  const status = new Uint8Array(persons * T);
  const arm = new Uint8Array(persons);
  const block = new Int32Array(persons);
  const gender = new Int32Array(persons);
  for (let p = 0; p < persons; p++) {
    arm[p] = p % 3;
    block[p] = rng.nextInt(2);
    gender[p] = rng.nextInt(2);
    const observed = rng.nextFloat() < 0.1 ? 3 : T;
    for (let t = 0; t < T; t++) status[p * T + t] = t >= observed ? MISSING : rng.nextFloat() < 0.2 * arm[p] ? 1 : rng.nextInt(S);
  }
  // A main panel with one outcome equal to "status is work_unsubsidized", the highest priority, as buildPanel would give it.
  const values = Uint8Array.from(status, (s) => (s === MISSING ? MISSING : s === 0 ? 1 : 0));
  const panel: Panel = { persons, outcomes: ['work_unsubsidized'], months: Int32Array.from([1, 2, 3, 4]), values, status, censored: new Int32Array(T) };
  return { panel, arm, block, blockCount: 2, gender };
}

function config(minCellSize: number): Pick<ResolvedConfig, 'arms' | 'reference' | 'bootstrap' | 'minCellSize' | 'inference' | 'estimator'> {
  return {
    arms: ['FS', 'SE', 'CM'],
    reference: 'FS',
    bootstrap: { replicates: 300, seed: 11, ci: 'percentile', level: 0.95 },
    minCellSize,
    inference: { method: 'normal', permutations: 100 },
    estimator: 'diff',
  };
}

describe('statusPanel', () => {
  it('turns each person-month status into one 1 among the statuses, censored months MISSING in all', () => {
    const panel: Panel = { persons: 1, outcomes: ['work'], months: Int32Array.from([1, 2]), values: new Uint8Array(2), status: Uint8Array.from([1, MISSING]), censored: new Int32Array(2) };
    const indicators = statusPanel(panel);
    expect(indicators.outcomes).toEqual([...STATUS_NAMES]);
    for (let s = 0; s < S; s++) {
      expect(indicators.values[s * 2]).toBe(s === 1 ? 1 : 0);
      expect(indicators.values[s * 2 + 1]).toBe(MISSING);
    }
  });
});

describe('estimateComposition', () => {
  const d = randomStatusDesign(900, 3);
  const composition = estimateComposition({ panel: d.panel, arm: d.arm, block: d.block, blockCount: d.blockCount, config: config(1) });

  it('gives shares that add up to 1 in every arm and month, from counts done by hand', () => {
    const { shares } = composition.section;
    expect(shares).toHaveLength(S * 3 * 4);
    for (const arm of ['FS', 'SE', 'CM']) {
      for (const month of [1, 2, 3, 4]) {
        const rows = shares.filter((r) => r.arm === arm && r.month === month);
        expect(rows.map((r) => r.outcome)).toEqual([...STATUS_NAMES]);
        expect(rows.reduce((sum, r) => sum + r.share!, 0)).toBeCloseTo(1, 12);
        const a = ['FS', 'SE', 'CM'].indexOf(arm);
        const observed = [...Array(900).keys()].filter((p) => d.arm[p] === a && d.panel.status[p * 4 + month - 1] !== MISSING);
        rows.forEach((row, s) => {
          expect(row.n).toBe(observed.length);
          expect(row.events).toBe(observed.filter((p) => d.panel.status[p * 4 + month - 1] === s).length);
        });
      }
    }
  });

  it('gives effects that are the differences of the status shares', () => {
    for (const effect of composition.section.effects) {
      const share = (arm: string) => composition.section.shares.find((r) => r.outcome === effect.outcome && r.arm === arm && r.month === effect.month)!.share!;
      expect(effect.estimate).toBeCloseTo(share(effect.arm) - share('FS'), 14);
    }
    expect(composition.section.effects).toHaveLength(S * 2 * 4);
  });

  it('uses the main bootstrap replicates: a status equal to a main outcome gets the identical interval', () => {
    // work_unsubsidized comes first in priority, so the status and the outcome of that name are the same 0/1 values.
    const groups = subgroupLayout(900, new Map([['gender', { levels: ['K', 'M'], codes: d.gender }]]));
    const main = estimate({ panel: d.panel, arm: d.arm, block: d.block, blockCount: d.blockCount, groups, config: config(1) });
    for (const row of main.shares.filter((r) => r.subgroup === 'all')) {
      const status = composition.section.shares.find((r) => r.outcome === 'work_unsubsidized' && r.arm === row.arm && r.month === row.month)!;
      expect([status.share, status.ci_low, status.ci_high]).toEqual([row.share, row.ci_low, row.ci_high]);
    }
    for (const row of main.effects.filter((r) => r.subgroup === 'all')) {
      const status = composition.section.effects.find((r) => r.outcome === 'work_unsubsidized' && r.arm === row.arm && r.month === row.month)!;
      expect([status.estimate, status.ci_low, status.ci_high]).toEqual([row.estimate, row.ci_low, row.ci_high]);
    }
  });

  it('marks small cells suppressed by the primary rule', () => {
    const small = estimateComposition({ panel: d.panel, arm: d.arm, block: d.block, blockCount: d.blockCount, config: config(40) });
    const hidden = small.section.shares.filter((r) => r.suppressed);
    expect(hidden.length).toBeGreaterThan(0);
    for (const row of small.section.shares) {
      const full = composition.section.shares.find((r) => r.outcome === row.outcome && r.arm === row.arm && r.month === row.month)!;
      const isSmall = full.n! < 40 || (full.events! >= 1 && full.events! < 40) || (full.n! - full.events! >= 1 && full.n! - full.events! < 40);
      expect(row.suppressed).toBe(isSmall);
    }
  });
});
