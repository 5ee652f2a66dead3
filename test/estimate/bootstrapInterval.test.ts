import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootstrapInterval } from '../../src/estimate/bootstrapInterval.js';
import { ROOT } from '../sharedPaths.js';

// boot.ci's intervals on 999 stratified replicates (test/golden-r/make-inference-goldens.R).
const GOLDEN = join(ROOT, 'test', 'golden-r');
const golden = new Map<string, number[]>();
for (const line of readFileSync(join(GOLDEN, 'inference.csv'), 'utf8').trim().split('\n').slice(1)) {
  const [name, , value] = line.split(',');
  golden.set(name, [...(golden.get(name) ?? []), Number(value)]);
}
const replicates = Float64Array.from(readFileSync(join(GOLDEN, 'bca-replicates.csv'), 'utf8').trim().split('\n').slice(1), Number);
const t0 = golden.get('bca_t0')![0];
const a = golden.get('bca_a')![0];

describe('bootstrapInterval', () => {
  it('dispatches to the method of the config (basic, normal and BCa as boot.ci; percentile and BCa with type-7 quantiles)', () => {
    const basic = bootstrapInterval('basic', t0, replicates, 0.95, 0)!;
    // boot.ci's basic uses its own order-statistic interpolation, so compare with the type-7 form: 2θ̂ − q.
    const [q025, q975] = golden.get('percentile_type7')!;
    expect(basic.low).toBeCloseTo(2 * t0 - q975, 12);
    expect(basic.high).toBeCloseTo(2 * t0 - q025, 12);
    const normal = bootstrapInterval('normal', t0, replicates, 0.95, 0)!;
    expect(normal.low).toBeCloseTo(golden.get('normal')![0], 10);
    expect(normal.high).toBeCloseTo(golden.get('normal')![1], 10);
    const bca = bootstrapInterval('bca', t0, replicates, 0.95, a)!;
    expect(bca.low).toBeCloseTo(golden.get('bca_type7')![0], 12);
    expect(bca.high).toBeCloseTo(golden.get('bca_type7')![1], 12);
    const percentile = bootstrapInterval('percentile', t0, replicates, 0.95, a)!;
    expect([percentile.low, percentile.high]).toEqual([expect.closeTo(q025, 12), expect.closeTo(q975, 12)]);
  });

  it('gives the point estimate as both ends of a degenerate distribution, never NaN, for every method', () => {
    for (const method of ['percentile', 'basic', 'normal', 'bca'] as const) {
      const interval = bootstrapInterval(method, 0, new Float64Array(50), 0.95, 0)!;
      expect(interval).toMatchObject({ low: 0, high: 0, degenerate: true });
    }
  });

  it('falls back to the percentile interval when BCa is undefined (every replicate above the estimate)', () => {
    const reps = Float64Array.from({ length: 100 }, (_, i) => 1 + i / 100);
    const interval = bootstrapInterval('bca', 0.5, reps, 0.9, 0)!;
    expect(interval.fellBack).toBe(true);
    expect(interval.low).toBeCloseTo(1 + (99 * 0.05) / 100, 12);
  });

  it('leaves out non-finite replicates and gives null when none is finite or the estimate is not', () => {
    expect(bootstrapInterval('percentile', 0.1, Float64Array.of(NaN, NaN), 0.95, 0)).toBeNull();
    expect(bootstrapInterval('percentile', NaN, Float64Array.of(0.1, 0.2), 0.95, 0)).toBeNull();
    expect(bootstrapInterval('normal', 0.1, Float64Array.of(0.1, NaN, 0.3), 0.95, 0)!.used).toBe(2);
  });
});
