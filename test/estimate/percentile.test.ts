import { describe, expect, it } from 'vitest';
import { finiteQuantilePair, finiteSummary, percentileInterval, quantileType7 } from '../../src/estimate/percentile.js';
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

describe('finiteQuantilePair', () => {
  it('picks the order statistics of a full sort, at both ends, in the middle and with ties, skipping what is not finite', () => {
    const rng = new RandomStream(11, 0);
    const levels = [0, 1e-4, 0.005, 0.025, 0.05, 0.1, 0.128, 0.3, 0.5, 0.7, 0.9, 0.95, 0.975, 0.995, 1];
    let tails = 0;
    for (let trial = 0; trial < 400; trial++) {
      const n = 1 + rng.nextInt(trial < 40 ? 6 : 2500);
      const values = Float64Array.from({ length: n }, () => {
        const u = rng.nextFloat();
        return u < 0.05 ? NaN : u < 0.06 ? Infinity : u < 0.07 ? -Infinity : u < 0.3 ? rng.nextInt(4) / 4 : rng.nextFloat() - 0.5;
      });
      const before = Float64Array.from(values);
      const sorted = values.filter(Number.isFinite).sort();
      if (sorted.length === 0) continue;
      const a = levels[rng.nextInt(levels.length)];
      const b = levels[rng.nextInt(levels.length)];
      const [p1, p2] = a <= b ? [a, b] : [b, a];
      const [low, high] = finiteQuantilePair(values, sorted.length, p1, p2);
      expect(low).toBe(quantileType7(sorted, p1));
      expect(high).toBe(quantileType7(sorted, p2));
      expect(values.every((v, i) => Object.is(v, before[i]))).toBe(true);
      const used = sorted.length;
      if (used >= 64 && Math.floor((used - 1) * p1) + 2 <= 0.25 * used && used - Math.floor((used - 1) * p2) <= 0.25 * used) tails++;
    }
    // Both ways are exercised: the tails beyond sampled thresholds, and selection among all values.
    expect(tails).toBeGreaterThan(50);
    expect(tails).toBeLessThan(350);
  });

  it('selects among all values when the sampled values mislead the thresholds', () => {
    // Every value the sample reads (evenly spaced) is below the whole lower tail, so that threshold keeps too few.
    const n = 2000;
    const step = Math.floor(n / 128);
    const values = Float64Array.from({ length: n }, (_, i) => (i % step === 0 ? -1000 + i / n : Math.sin(i) * 10));
    const sorted = Float64Array.from(values).sort();
    const [low, high] = finiteQuantilePair(values, n, 0.4, 0.975);
    expect(low).toBe(quantileType7(sorted, 0.4));
    expect(high).toBe(quantileType7(sorted, 0.975));
    const [lowEnd, highEnd] = finiteQuantilePair(values, n, 0.1, 0.975);
    expect(lowEnd).toBe(quantileType7(sorted, 0.1));
    expect(highEnd).toBe(quantileType7(sorted, 0.975));
  });

  it('counts the finite values, their extremes and those below a value in one summary', () => {
    expect(finiteSummary([3, NaN, -1, Infinity, 2, 2], 2)).toEqual({ used: 4, min: -1, max: 3, below: 1 });
    expect(finiteSummary([NaN], 0)).toEqual({ used: 0, min: Infinity, max: -Infinity, below: 0 });
  });
});
