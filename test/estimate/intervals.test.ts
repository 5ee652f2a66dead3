import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accelerationFromInfluence, basicInterval, bcaInterval, differenceInfluence, normalInterval } from '../../src/estimate/intervals.js';
import { bonferroniAdjust, holmAdjust, supTBand } from '../../src/estimate/multiplicity.js';
import { percentileInterval, quantileType7 } from '../../src/estimate/percentile.js';
import { RandomStream } from '../../src/random/stream.js';
import { ROOT } from '../sharedPaths.js';
import jStat from 'jstat';

// Goldens from base R and boot: test/golden-r/make-inference-goldens.R.
const GOLDEN = join(ROOT, 'test', 'golden-r');
const golden = new Map<string, number[]>();
for (const line of readFileSync(join(GOLDEN, 'inference.csv'), 'utf8').trim().split('\n').slice(1)) {
  const [name, , value] = line.split(',');
  golden.set(name, [...(golden.get(name) ?? []), Number(value)]);
}
const column = (file: string, name: string) => {
  const [head, ...lines] = readFileSync(join(GOLDEN, file), 'utf8').trim().split('\n');
  const at = head.split(',').indexOf(name);
  return Float64Array.from(lines, (line) => Number(line.split(',')[at]));
};

describe('multiplicity adjustments (R p.adjust)', () => {
  const p = [0.011, 0.04, 0.002, 0.3, 0.04];
  it('Holm', () => holmAdjust(p).forEach((v, i) => expect(v).toBeCloseTo(golden.get('holm')![i], 14)));
  it('Bonferroni', () => bonferroniAdjust(p).forEach((v, i) => expect(v).toBeCloseTo(golden.get('bonferroni')![i], 14)));
});

describe('bootstrap intervals on 999 boot replicates of a stratified difference in means', () => {
  const y = column('bca-data.csv', 'y');
  const arm = column('bca-data.csv', 'arm');
  const t = column('bca-replicates.csv', 't');
  const t0 = golden.get('bca_t0')![0];

  it('computes the estimate the replicates were drawn around', () => {
    const mean = (a: number) => y.filter((_, i) => arm[i] === a).reduce((s, v) => s + v, 0) / arm.filter((v) => v === a).length;
    expect(mean(1) - mean(0)).toBeCloseTo(t0, 14);
  });

  it('gets boot’s stratified jackknife influence values in closed form, and its acceleration', () => {
    const L = differenceInfluence(y, arm);
    const expected = golden.get('bca_L')!;
    expect(L).toHaveLength(expected.length);
    L.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
    expect(accelerationFromInfluence(L)).toBeCloseTo(golden.get('bca_a')![0], 14);
  });

  it('BCa: type-7 quantiles at boot’s adjusted levels', () => {
    const ci = bcaInterval(t0, t, 0.95, accelerationFromInfluence(differenceInfluence(y, arm)))!;
    expect(ci.low).toBeCloseTo(golden.get('bca_type7')![0], 12);
    expect(ci.high).toBeCloseTo(golden.get('bca_type7')![1], 12);
    // boot's own BCa interpolates order statistics differently (norm.inter); within one gap of it.
    expect(Math.abs(ci.low - golden.get('bca')![0])).toBeLessThan(0.01);
    expect(Math.abs(ci.high - golden.get('bca')![1])).toBeLessThan(0.01);
  });

  it('percentile, basic and normal agree with boot.ci', () => {
    const percentile = percentileInterval(t, 0.95)!;
    expect(percentile.low).toBeCloseTo(golden.get('percentile_type7')![0], 12);
    expect(percentile.high).toBeCloseTo(golden.get('percentile_type7')![1], 12);
    // boot's basic uses its (R + 1)α order statistics, which for R = 999 are type 7's up to one gap.
    const basic = basicInterval(t0, t, 0.95)!;
    expect(Math.abs(basic.low - golden.get('basic')![0])).toBeLessThan(0.01);
    expect(Math.abs(basic.high - golden.get('basic')![1])).toBeLessThan(0.01);
    const normal = normalInterval(t0, t, 0.95)!;
    expect(normal.low).toBeCloseTo(golden.get('normal')![0], 12);
    expect(normal.high).toBeCloseTo(golden.get('normal')![1], 12);
  });

  it('BCa gives up (null) rather than NaN when every replicate is on one side', () => {
    expect(bcaInterval(0, [0.1, 0.2, 0.3], 0.95, 0)).toBeNull();
  });
});

describe('sup-t simultaneous band', () => {
  const B = 20000;
  const normalReplicates = (points: number, correlated: boolean, seed: number) => {
    const rng = new RandomStream(seed, 0);
    const reps = new Float64Array(points * B);
    for (let b = 0; b < B; b++) {
      const common = jStat.normal.inv(Math.max(1e-12, rng.nextFloat()), 0, 1);
      for (let t = 0; t < points; t++) reps[t * B + b] = correlated ? common : jStat.normal.inv(Math.max(1e-12, rng.nextFloat()), 0, 1);
    }
    return reps;
  };

  it('is the pointwise interval for one point and for perfectly correlated points (c ≈ 1.96)', () => {
    expect(supTBand([0], normalReplicates(1, false, 1), B, 0.95).critical).toBeCloseTo(1.96, 1);
    expect(supTBand([0, 0, 0, 0], normalReplicates(4, true, 2), B, 0.95).critical).toBeCloseTo(1.96, 1);
  });

  it('takes the critical value as the type-7 quantile of the sorted maxima, to the last bit, leaving out points with no spread', () => {
    const rng = new RandomStream(9, 0);
    const points = 6;
    const n = 999;
    const reps = Float64Array.from({ length: points * n }, (_, i) => (Math.floor(i / n) === 4 ? 0.25 : rng.nextFloat() * (1 + Math.floor(i / n))));
    const estimates = [0.4, 0.9, 1.3, 2.1, 0.25, 2.8];
    const se = estimates.map((_, t) => {
      const row = reps.subarray(t * n, (t + 1) * n);
      const mean = row.reduce((a, b) => a + b, 0) / n;
      return Math.sqrt(row.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    });
    const maxima = Float64Array.from({ length: n }, (_, b) => Math.max(0, ...estimates.map((e, t) => (se[t] > 0 ? Math.abs(reps[t * n + b] - e) / se[t] : 0))));
    const band = supTBand(estimates, reps, n, 0.9);
    expect(band.critical).toBe(quantileType7(maxima.sort(), 0.9));
    expect(band.low[4]).toBe(0.25);
    expect(band.high[1]).toBe(0.9 + band.critical * se[1]);
  });

  it('widens to the Šidák value for independent points', () => {
    // 15 independent normal points: c = Φ⁻¹(1 − (1 − 0.95^(1/15))/2) = 2.9494
    const band = supTBand(new Float64Array(15), normalReplicates(15, false, 3), B, 0.95);
    expect(band.critical).toBeCloseTo(2.95, 1);
    expect(band.high[0] - band.low[0]).toBeCloseTo(2 * band.critical, 1);
  });
});
