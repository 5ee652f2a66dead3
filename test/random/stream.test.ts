import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/random/stream.js';

describe('RandomStream', () => {
  it('gives the same numbers for the same (seed, stream) and different ones otherwise', () => {
    const take = (seed: number, stream: number) => {
      const rng = new RandomStream(seed, stream);
      return Array.from({ length: 8 }, () => rng.nextUint32());
    };
    expect(take(20170331, 5)).toEqual(take(20170331, 5));
    expect(take(20170331, 5)).not.toEqual(take(20170331, 6));
    expect(take(20170331, 5)).not.toEqual(take(20170332, 5));
    const reused = new RandomStream(1, 1);
    reused.reseed(20170331, 5);
    expect(Array.from({ length: 8 }, () => reused.nextUint32())).toEqual(take(20170331, 5));
  });

  it('draws integers in [0, n) uniformly (chi-square test, 0.1 % level)', () => {
    const rng = new RandomStream(42, 0);
    for (const n of [2, 3, 7, 10, 355]) {
      const draws = 200 * n;
      const counts = new Float64Array(n);
      let outside = 0;
      for (let i = 0; i < draws; i++) {
        const k = rng.nextInt(n);
        if (!(k >= 0 && k < n && Number.isInteger(k))) outside++;
        else counts[k]++;
      }
      expect(outside).toBe(0);
      const expected = draws / n;
      const chi2 = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
      // Wilson–Hilferty upper 0.1 % point of chi-square with n − 1 df.
      const df = n - 1;
      const critical = df * (1 - 2 / (9 * df) + 3.090232 * Math.sqrt(2 / (9 * df))) ** 3;
      expect(chi2, `n = ${n}`).toBeLessThan(critical);
    }
  });

  it('draws floats in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = new RandomStream(7, 3);
    const N = 100_000;
    let sum = 0;
    let sumSq = 0;
    let outside = 0;
    for (let i = 0; i < N; i++) {
      const u = rng.nextFloat();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sumSq += u * u;
    }
    expect(outside).toBe(0);
    const mean = sum / N;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(sumSq / N - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });
});
