import jStat from 'jstat';
import { describe, expect, it } from 'vitest';
import { binomial } from '../../src/random/binomial.js';
import { RandomStream } from '../../src/random/stream.js';

// The project's declaration of jstat (src/types) covers what src uses; these two are the test's own.
const { gammaln, chisquare } = jStat as unknown as { gammaln(x: number): number; chisquare: { inv(p: number, df: number): number } };

/** The binomial pmf through log-gamma (jStat.binomial.pdf overflows for large n). */
function pmf(k: number, n: number, p: number): number {
  return Math.exp(gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

/**
 * Pearson's statistic of the draws against the exact pmf, with its degrees
 * of freedom: bins from 0 up, each closed once it expects ≥ 5 draws; values
 * beyond 12 SDs of the mean (pmf < 1e-30) join the nearest bin.
 */
function chiSquare(counts: Map<number, number>, draws: number, n: number, p: number): { statistic: number; df: number } {
  const sd = Math.sqrt(n * p * (1 - p));
  const low = Math.max(0, Math.floor(n * p - 12 * sd - 5));
  const high = Math.min(n, Math.ceil(n * p + 12 * sd + 5));
  const bins: { observed: number; expected: number }[] = [];
  let observed = 0;
  let expected = 0;
  for (const [value, c] of counts) if (value < low) observed += c;
  for (let k = low; k <= high; k++) {
    observed += counts.get(k) ?? 0;
    expected += draws * pmf(k, n, p);
    if (expected >= 5) {
      bins.push({ observed, expected });
      observed = 0;
      expected = 0;
    }
  }
  for (const [value, c] of counts) if (value > high) observed += c;
  bins[bins.length - 1].observed += observed;
  bins[bins.length - 1].expected += expected;
  const statistic = bins.reduce((sum, b) => sum + (b.observed - b.expected) ** 2 / b.expected, 0);
  return { statistic, df: bins.length - 1 };
}

describe('binomial', () => {
  // Inversion (mean < 25), either side of the switch to BTRS (mean 24 and 26),
  // large means, p > 1/2 (drawn as n − Bin(n, 1 − p)) on both methods, and a huge n with a tiny p.
  const cases: [number, number][] = [
    [1, 0.3],
    [5, 0.3],
    [20, 0.05],
    [40, 0.24],
    [100, 0.24],
    [100, 0.26],
    [200, 0.9],
    [400, 0.9],
    [30, 0.95],
    [1333, 0.37],
    [1000, 0.5],
    [100000, 0.001],
    [2097152, 1e-6],
    [50000, 0.2],
  ];
  const draws = 400_000;

  it.each(cases)('Bin(%d, %d) fits the exact pmf (chi-square, 0.1 % level) with the right mean and variance', (n, p) => {
    const rng = new RandomStream(20240607, n * 7919 + Math.round(p * 1e6));
    const counts = new Map<number, number>();
    let sum = 0;
    let sumSq = 0;
    let invalid = 0;
    for (let i = 0; i < draws; i++) {
      const k = binomial(rng, n, p);
      if (!(Number.isInteger(k) && k >= 0 && k <= n)) invalid++;
      counts.set(k, (counts.get(k) ?? 0) + 1);
      sum += k;
      sumSq += k * k;
    }
    expect(invalid).toBe(0);
    const { statistic, df } = chiSquare(counts, draws, n, p);
    expect(df).toBeGreaterThan(0);
    expect(statistic, `chi-square ${statistic.toFixed(1)} on ${df} df`).toBeLessThan(chisquare.inv(0.999, df));

    const mean = n * p;
    const variance = n * p * (1 - p);
    const sampleMean = sum / draws;
    const sampleVariance = (sumSq - draws * sampleMean * sampleMean) / (draws - 1);
    // SE of the mean σ/√D; of the sample variance √((μ₄ − σ⁴)/D), μ₄ = npq(1 + 3(n − 2)pq); 5 SEs.
    const mu4 = variance * (1 + 3 * (n - 2) * p * (1 - p));
    expect(Math.abs(sampleMean - mean)).toBeLessThan(5 * Math.sqrt(variance / draws));
    expect(Math.abs(sampleVariance - variance)).toBeLessThan(5 * Math.sqrt((mu4 - variance * variance) / draws));
  });

  it('gives the certain values without drawing', () => {
    const rng = new RandomStream(1, 1);
    const before = new RandomStream(1, 1);
    expect(binomial(rng, 0, 0.4)).toBe(0);
    expect(binomial(rng, 17, 0)).toBe(0);
    expect(binomial(rng, 17, 1)).toBe(17);
    expect(rng.nextUint32()).toBe(before.nextUint32());
  });

  it('is a function of the stream: the same stream gives the same draws', () => {
    const take = () => {
      const rng = new RandomStream(5, 9);
      return [binomial(rng, 1000, 0.3), binomial(rng, 12, 0.1), binomial(rng, 500, 0.97)];
    };
    expect(take()).toEqual(take());
  });
});
