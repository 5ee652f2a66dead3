import { describe, expect, it } from 'vitest';
import { percentileInterval, quantileType7 } from '../../src/estimate/percentile.js';
import { RandomStream } from '../../src/random/stream.js';

describe('percentileInterval', () => {
  it('matches R quantile(type = 7) computed by hand', () => {
    // quantile(1:10, c(.025, .975)) = 1.225, 9.775 ; the order of the input does not matter
    const ci = percentileInterval([10, 3, 1, 9, 2, 8, 4, 7, 5, 6], 0.95)!;
    expect(ci.low).toBeCloseTo(1.225, 12);
    expect(ci.high).toBeCloseTo(9.775, 12);
    // quantile(c(0.1, 0.4, 0.2, 0.3), c(.05, .95)) = 0.115, 0.385
    const small = percentileInterval(Float64Array.from([0.1, 0.4, 0.2, 0.3]), 0.9)!;
    expect(small.low).toBeCloseTo(0.115, 12);
    expect(small.high).toBeCloseTo(0.385, 12);
  });

  it('interpolates at the ends of the distribution too', () => {
    // quantile(1:10, .975) = 9.775: the last two order statistics
    expect(quantileType7([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.975)).toBeCloseTo(9.775, 12);
    expect(quantileType7([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1)).toBe(10);
    expect(quantileType7([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0)).toBe(1);
    expect(quantileType7([4], 0.5)).toBe(4);
  });

  it('selects the same quantiles as a full sort, for any data, level and reused scratch', () => {
    const rng = new RandomStream(3, 0);
    const scratch = new Float64Array(5000);
    for (let trial = 0; trial < 200; trial++) {
      const n = 2 + rng.nextInt(3000);
      const values = Float64Array.from({ length: n }, () => (rng.nextFloat() < 0.3 ? rng.nextInt(5) / 4 : rng.nextFloat()));
      const level = [0.8, 0.9, 0.95, 0.99][trial % 4];
      const sorted = Float64Array.from(values).sort();
      const ci = percentileInterval(values, level, scratch)!;
      if (ci.degenerate) continue;
      expect(ci.low).toBe(quantileType7(sorted, (1 - level) / 2));
      expect(ci.high).toBe(quantileType7(sorted, 1 - (1 - level) / 2));
    }
  });

  it('ignores replicates that are not finite and says how many were used', () => {
    const ci = percentileInterval([NaN, 1, 2, 3, NaN, 4, 5, 6, 7, 8, 9, 10], 0.95)!;
    expect(ci.used).toBe(10);
    expect(ci.low).toBeCloseTo(1.225, 12);
  });

  it('gives the common value and flags a degenerate distribution, never NaN', () => {
    expect(percentileInterval([0, 0, 0, 0], 0.95)).toEqual({ low: 0, high: 0, used: 4, degenerate: true });
    expect(percentileInterval([NaN, NaN], 0.95)).toBeNull();
  });
});
