/**
 * estimate() with the inference of methods.md wired in: estimators, interval
 * methods, randomization p-values, Holm, bands, interactions, person-level
 * outcomes, and reinterval. The estimators themselves are checked against
 * estimatr in test/estimate/engine; here the expected values come from hand
 * counts, from those validated functions, and from properties.
 */
import { describe, expect, it } from 'vitest';
import { estimate, type EstimateInput } from '../../src/estimate/estimate.js';
import { subgroupLayout } from '../../src/estimate/layout.js';
import { holmAdjust } from '../../src/estimate/multiplicity.js';
import { reinterval } from '../../src/estimate/reinterval.js';
import { additiveDesign } from '../../src/estimate/regression/designMatrix.js';
import { fitOlsHc2 } from '../../src/estimate/regression/olsHc2.js';
import { MISSING, type Panel } from '../../src/panel/buildPanel.js';
import { RandomStream } from '../../src/random/stream.js';
import type { ResolvedConfig } from '../../src/config/types.js';

type Config = EstimateInput['config'];
const baseConfig = (over: Partial<Config> = {}): Config => ({
  arms: ['FS', 'SE', 'CM'],
  reference: 'FS',
  bootstrap: { replicates: 400, seed: 5, ci: 'percentile', level: 0.95 },
  minCellSize: 1,
  inference: { method: 'randomization', permutations: 300 },
  estimator: 'diff',
  primaryOutcome: 'work',
  primaryMonth: 3,
  ...over,
});

/** 3 arms, 4 blocks, gender, 1 outcome over 3 months with some censoring in month 3, a numeric covariate. */
function design(persons: number, seed: number) {
  const rng = new RandomStream(seed, 1);
  const T = 3;
  const arm = Uint8Array.from({ length: persons }, (_, p) => p % 3);
  const block = Int32Array.from({ length: persons }, () => rng.nextInt(4));
  const gender = Int32Array.from({ length: persons }, () => rng.nextInt(2));
  const age = Float64Array.from({ length: persons }, () => 20 + rng.nextInt(10));
  const values = new Uint8Array(persons * T);
  for (let p = 0; p < persons; p++) {
    const observed = rng.nextFloat() < 0.1 ? 2 : 3;
    for (let t = 0; t < T; t++) values[p * T + t] = t >= observed ? MISSING : rng.nextFloat() < 0.15 + 0.08 * arm[p] + 0.01 * (age[p] - 20) ? 1 : 0;
  }
  const panel: Panel = { persons, outcomes: ['work'], months: Int32Array.of(1, 2, 3), values, status: new Uint8Array(0), censored: new Int32Array(T) };
  const groups = subgroupLayout(persons, new Map([['gender', { levels: ['K', 'M'], codes: gender }]]));
  return { panel, arm, block, blockCount: 4, groups, age };
}

describe('randomization p-values in estimate()', () => {
  it('are exact for 8 persons: 3 of 4 in the arm in work and none of the reference gives p = 10/70', () => {
    // k persons in work among the arm's 4: T = (2k − 3)/4; |T| ≥ 3/4 for k = 3 (C(3,3)·C(5,1) = 5) or k = 0 (C(5,4) = 5).
    const values = Uint8Array.of(1, 1, 1, 0, 0, 0, 0, 0);
    const panel: Panel = { persons: 8, outcomes: ['work'], months: Int32Array.of(1), values, status: new Uint8Array(0), censored: new Int32Array(1) };
    const result = estimate({
      panel,
      arm: Uint8Array.of(1, 1, 1, 1, 0, 0, 0, 0),
      block: new Int32Array(8),
      blockCount: 1,
      groups: subgroupLayout(8, new Map()),
      config: baseConfig({ arms: ['WAIT', 'NOW'], reference: 'WAIT', primaryMonth: 1 }),
    });
    expect(result.effects).toHaveLength(1);
    expect(result.effects[0]).toMatchObject({ estimate: 0.75, p_method: 'randomization-exact' });
    expect(result.effects[0].p).toBeCloseTo(10 / 70, 15);
  });
});

describe('estimate() with the inference plan', () => {
  const d = design(300, 2);

  it('gives Holm-adjusted p-values on the primary family only', () => {
    const result = estimate({ ...d, config: baseConfig() });
    const family = result.effects.filter((e) => e.outcome === 'work' && e.subgroup === 'all' && e.month === 3);
    expect(family).toHaveLength(2);
    const adjusted = holmAdjust(family.map((e) => e.p!));
    family.forEach((e, i) => expect(e.p_holm).toBe(adjusted[i]));
    expect(result.effects.filter((e) => e.p_holm !== undefined)).toHaveLength(2);
  });

  it('ols estimates and HC2 SEs are those of lm_robust(y ~ arm + block + age) per month (fitOlsHc2, checked against estimatr)', () => {
    const covariates = { values: d.age, count: 1, names: ['age'] };
    const result = estimate({ ...d, covariates, config: baseConfig({ estimator: 'ols', inference: { method: 'normal', permutations: 10 } }) });
    for (const t of [0, 2]) {
      const rows = Array.from({ length: d.panel.persons }, (_, p) => p).filter((p) => d.panel.values[p * 3 + t] !== MISSING);
      const fit = fitOlsHc2(
        additiveDesign({ persons: rows.length, arm: Uint8Array.from(rows, (p) => d.arm[p]), arms: 3, block: Int32Array.from(rows, (p) => d.block[p]), blocks: 4, covariates: [{ kind: 'numeric', values: Float64Array.from(rows, (p) => d.age[p]) }] }).x,
        Float64Array.from(rows, (p) => d.panel.values[p * 3 + t]),
        rows.length,
        1 + 2 + 3 + 1,
      )!;
      for (const [a, arm] of [[1, 'SE'], [2, 'CM']] as const) {
        const row = result.effects.find((e) => e.subgroup === 'all' && e.arm === arm && e.month === t + 1)!;
        expect(row.estimator).toBe('ols');
        expect(row.estimate).toBeCloseTo(fit.coefficients[a], 10);
        expect(row.se).toBeCloseTo(fit.se[a], 10);
        expect(row.p_method).toBe('normal');
        expect(row.ci_low!).toBeLessThan(row.estimate!);
        expect(row.ci_high!).toBeGreaterThan(row.estimate!);
      }
    }
  });

  it('puts a sup-t band around every effect curve that is at least as wide as the pointwise normal interval', () => {
    const result = estimate({ ...d, config: baseConfig({ bootstrap: { replicates: 600, seed: 9, ci: 'normal', level: 0.95 } }) });
    for (const row of result.effects) {
      expect(row.band_low!).toBeLessThanOrEqual(row.estimate!);
      expect(row.band_high!).toBeGreaterThanOrEqual(row.estimate!);
      // The normal interval is estimate − bias ± 1.96 sd*; the band is estimate ± c sd* with c ≥ the pointwise 97.5 % point.
      const bandHalf = (row.band_high! - row.band_low!) / 2;
      const ciHalf = (row.ci_high! - row.ci_low!) / 2;
      expect(bandHalf).toBeGreaterThan(ciHalf * 0.97);
    }
  });

  it('builds interactions as the difference of the two levels’ effects, and reinterval reproduces any method without resampling', () => {
    const kept = estimate({ ...d, config: baseConfig({ inference: { method: 'normal', permutations: 10 } }), keepReplicates: true });
    for (const row of kept.interactions) {
      const effect = (level: string) => kept.effects.find((e) => e.outcome === row.outcome && e.arm === row.arm && e.month === row.month && e.subgroup === `gender=${level}`)!.estimate!;
      expect(row.levels).toEqual(['K', 'M']);
      expect(row.estimate).toBeCloseTo(effect('K') - effect('M'), 14);
      expect(row.p_method).toBe('bootstrap');
    }
    expect(kept.interactions).toHaveLength(2 * 3);
    for (const method of ['percentile', 'basic', 'normal', 'bca'] as const) {
      const direct = estimate({ ...d, config: baseConfig({ inference: { method: 'normal', permutations: 10 }, bootstrap: { replicates: 400, seed: 5, ci: method, level: 0.9 } }) });
      const again = reinterval(kept, method, 0.9);
      expect(again.shares.map((r) => [r.ci_low, r.ci_high])).toEqual(direct.shares.map((r) => [r.ci_low, r.ci_high]));
      expect(again.effects.map((r) => [r.ci_low, r.ci_high])).toEqual(direct.effects.map((r) => [r.ci_low, r.ci_high]));
      expect(again.interactions.map((r) => [r.ci_low, r.ci_high])).toEqual(direct.interactions.map((r) => [r.ci_low, r.ci_high]));
    }
  });

  it('gives a degenerate outcome (nobody in it) the point estimate as interval and a warning, never NaN', () => {
    const zero = { ...d, panel: { ...d.panel, values: d.panel.values.map((v) => (v === MISSING ? v : 0)) } };
    for (const ci of ['percentile', 'basic', 'normal', 'bca'] as const) {
      const result = estimate({ ...zero, config: baseConfig({ bootstrap: { replicates: 50, seed: 1, ci, level: 0.95 }, inference: { method: 'normal', permutations: 10 } }) });
      for (const row of result.effects) expect([row.estimate, row.ci_low, row.ci_high]).toEqual([0, 0, 0]);
      expect(result.warnings.some((w) => w.includes('degenerate'))).toBe(true);
    }
  });

  it('estimates person-level outcomes with month null: means by arm and their differences', () => {
    const earnings = Float64Array.from({ length: d.panel.persons }, (_, p) => (p % 7 === 0 ? NaN : 1000 * (p % 5) + 300 * d.arm[p]));
    const result = estimate({ ...d, personOutcomes: [{ name: 'earnings', values: earnings }], config: baseConfig({ inference: { method: 'normal', permutations: 10 } }) });
    const mean = (a: number) => {
      const values = Array.from(earnings).filter((v, p) => d.arm[p] === a && !Number.isNaN(v));
      return values.reduce((s, v) => s + v, 0) / values.length;
    };
    const means = result.personOutcomes.filter((r) => r.subgroup === 'all');
    expect(means.map((r) => r.mean)).toEqual([expect.closeTo(mean(0), 9), expect.closeTo(mean(1), 9), expect.closeTo(mean(2), 9)]);
    const effect = result.effects.find((e) => e.outcome === 'earnings' && e.subgroup === 'all' && e.arm === 'SE')!;
    expect(effect.month).toBeNull();
    expect(effect.estimate).toBeCloseTo(mean(1) - mean(0), 9);
    expect(result.interactions.filter((r) => r.outcome === 'earnings')).toHaveLength(2);
  });
});

// Keep the config type honest: the full ResolvedConfig is accepted.
export type _Accepts = ResolvedConfig extends Config ? true : never;
