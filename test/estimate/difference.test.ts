import { sampleVariance } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { differenceSe, normalPValue } from '../../src/estimate/difference.js';

const zeroOnes = (events: number, n: number) => Array.from({ length: n }, (_, i) => (i < events ? 1 : 0));

describe('differenceSe (methods.md, Neyman / HC2)', () => {
  it('equals sqrt(s1²/n1 + s0²/n0) with n − 1 variances, by hand', () => {
    // arm: 2 of 4 → s² = 1/3; reference: 1 of 4 → s² = 1/4; SE = sqrt(1/12 + 1/16) = sqrt(7/48)
    expect(differenceSe(2, 4, 1, 4)).toBeCloseTo(Math.sqrt(7 / 48), 15);
  });

  it('agrees with simple-statistics sample variances on the 0/1 data (trial-sized arms)', () => {
    for (const [e1, n1, e0, n0] of [[92, 354, 64, 355], [71, 354, 64, 355], [0, 20, 3, 17], [5, 5, 0, 9]]) {
      const expected = Math.sqrt(sampleVariance(zeroOnes(e1, n1)) / n1 + sampleVariance(zeroOnes(e0, n0)) / n0);
      expect(differenceSe(e1, n1, e0, n0)).toBeCloseTo(expected, 14);
    }
  });

  it('is undefined with fewer than two persons in an arm', () => {
    expect(differenceSe(1, 1, 3, 10)).toBeNull();
  });
});

describe('normalPValue', () => {
  it('gives the textbook two-sided values', () => {
    expect(normalPValue(1.959963984540054, 1)).toBeCloseTo(0.05, 12);
    expect(normalPValue(-2.5758293035489, 1)).toBeCloseTo(0.01, 12);
    expect(normalPValue(0, 0.03)).toBe(1);
    // normal table: Φ(−2.58) = 0.00494
    expect(normalPValue(0.0258, 0.01)).toBeCloseTo(0.00988, 5);
  });

  it('handles a zero SE without NaN', () => {
    expect(normalPValue(0, 0)).toBe(1);
    expect(normalPValue(0.5, 0)).toBe(0);
  });
});
