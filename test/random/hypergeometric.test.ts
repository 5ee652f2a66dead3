import { describe, expect, it } from 'vitest';
import { hypergeometric, logFactorial, uniformBelow } from '../../src/random/hypergeometric.js';
import { RandomStream } from '../../src/random/stream.js';

/**
 * The exact pmf of the number of successes among `draws` from `population`
 * with `successes` successes, from the ratio of consecutive probabilities
 * (independent of the log-factorials under test), normalized.
 */
function exactPmf(population: number, successes: number, draws: number): { low: number; pmf: Float64Array } {
  const low = Math.max(0, draws - (population - successes));
  const high = Math.min(draws, successes);
  const weights = new Float64Array(high - low + 1);
  // Start at the mode, so that no weight under- or overflows.
  const mode = Math.min(high, Math.max(low, Math.floor(((draws + 1) * (successes + 1)) / (population + 2))));
  weights[mode - low] = 1;
  for (let k = mode; k < high; k++) weights[k + 1 - low] = (weights[k - low] * (successes - k) * (draws - k)) / ((k + 1) * (population - successes - draws + k + 1));
  for (let k = mode; k > low; k--) weights[k - 1 - low] = (weights[k - low] * k * (population - successes - draws + k)) / ((successes - k + 1) * (draws - k + 1));
  const total = weights.reduce((s, w) => s + w, 0);
  return { low, pmf: weights.map((w) => w / total) };
}

/** Wilson–Hilferty upper point of chi-square with df degrees of freedom at normal quantile z. */
function chiSquareCritical(df: number, z: number): number {
  return df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
}

// Small and large, each symmetry (draws or successes above half the population), each method by the
// smaller of successes and draws after the symmetries ("few") — one (Bernoulli), below 16 (search from 0),
// from 16 with variance below 100 (search from the mode), variance from 100 (HRUA) — with both sides of
// each limit, and a population above 2^21 (nextInt's float path).
const CASES: [population: number, successes: number, draws: number][] = [
  [10, 3, 4], // few 3, from 0
  [20, 1, 7], // Bernoulli
  [50, 30, 40], // both flipped, few 10, from 0
  [40, 15, 20], // few 15, from 0
  [4000, 16, 1333], // few 16, from the mode
  [5000, 20, 2500],
  [1000, 100, 300],
  [500, 250, 250],
  [4000, 480, 1500], // variance 99, from the mode
  [4000, 500, 1500], // variance 103, HRUA
  [30000, 25000, 29000], // both flipped, HRUA
  [100000, 40000, 50000],
  [1000000, 300000, 400000],
  [100000, 17, 99990], // draws flipped, few 10
  [3000000, 1000000, 10], // population above 2^21
];

describe('hypergeometric', () => {
  it.each(CASES)('matches the exact pmf for population %i, successes %i, draws %i (chi-square, mean, variance)', (population, successes, draws) => {
    const { low, pmf } = exactPmf(population, successes, draws);
    const rng = new RandomStream(20240611, population + successes + draws);
    const M = 100_000;
    const counts = new Float64Array(pmf.length);
    let outside = 0;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < M; i++) {
      const x = hypergeometric(rng, population, successes, draws);
      if (!Number.isInteger(x) || x < low || x >= low + pmf.length) {
        outside++;
        continue;
      }
      counts[x - low]++;
      sum += x;
      sumSq += x * x;
    }
    expect(outside).toBe(0);

    // Chi-square over bins with expected count ≥ 5 (the tails pooled into their neighbours).
    const observedBins: number[] = [];
    const expectedBins: number[] = [];
    let observedBin = 0;
    let expectedBin = 0;
    for (let k = 0; k < pmf.length; k++) {
      observedBin += counts[k];
      expectedBin += M * pmf[k];
      if (expectedBin >= 5) {
        observedBins.push(observedBin);
        expectedBins.push(expectedBin);
        observedBin = 0;
        expectedBin = 0;
      }
    }
    observedBins[observedBins.length - 1] += observedBin;
    expectedBins[expectedBins.length - 1] += expectedBin;
    const chi2 = observedBins.reduce((s, o, i) => s + (o - expectedBins[i]) ** 2 / expectedBins[i], 0);
    if (observedBins.length > 1) {
      // Upper 0.01 % point: fifteen parameter sets make a false failure about 1 in 700.
      expect(chi2).toBeLessThan(chiSquareCritical(observedBins.length - 1, 3.719));
    }

    const mean = (draws * successes) / population;
    const variance = (mean * (population - successes) * (population - draws)) / (population * (population - 1));
    let fourth = 0;
    pmf.forEach((q, i) => (fourth += q * (low + i - mean) ** 4));
    const sampleMean = sum / M;
    const sampleVariance = (sumSq - M * sampleMean * sampleMean) / (M - 1);
    // 5 standard errors each: the mean's sqrt(var / M), the variance's sqrt((μ4 − var²) / M).
    expect(Math.abs(sampleMean - mean)).toBeLessThanOrEqual(5 * Math.sqrt(variance / M) + 1e-12);
    expect(Math.abs(sampleVariance - variance)).toBeLessThanOrEqual(5 * Math.sqrt(Math.max(0, fourth - variance * variance) / M) + 1e-9);
  });

  it('is deterministic in the stream and handles the degenerate cases without drawing', () => {
    const a = new RandomStream(5, 9);
    const b = new RandomStream(5, 9);
    for (let i = 0; i < 1000; i++) expect(hypergeometric(a, 700, 80 + (i % 300), 350)).toBe(hypergeometric(b, 700, 80 + (i % 300), 350));
    const rng = new RandomStream(1, 1);
    const before = new RandomStream(1, 1).nextUint32();
    expect(hypergeometric(rng, 10, 0, 5)).toBe(0);
    expect(hypergeometric(rng, 10, 4, 0)).toBe(0);
    expect(hypergeometric(rng, 10, 4, 10)).toBe(4);
    expect(hypergeometric(rng, 10, 10, 3)).toBe(3);
    expect(hypergeometric(rng, 0, 0, 0)).toBe(0);
    expect(rng.nextUint32()).toBe(before);
    expect(() => hypergeometric(rng, 10, 11, 2)).toThrow(RangeError);
    expect(() => hypergeometric(rng, 10, 2, -1)).toThrow(RangeError);
  });

  it('draws 53 more bits only where the first 32 leave the inversion undecided', () => {
    /** A stream that returns `word` first, then `float` (or fails if the search asks for more bits). */
    class Scripted extends RandomStream {
      constructor(
        private readonly word: number,
        private readonly float: number | null,
      ) {
        super(0, 0);
      }
      override nextUint32(): number {
        return this.word;
      }
      override nextFloat(): number {
        if (this.float === null) throw new Error('more bits drawn');
        return this.float;
      }
    }
    // Population 10, 3 successes, 4 draws: the search from 0 with P(0) = (6·5·4)/(10·9·8) = 1/6, P(1) = 1/2.
    const p0 = (6 * 5 * 4) / (10 * 9 * 8);
    const straddling = Math.floor(p0 * 2 ** 32);
    expect(hypergeometric(new Scripted(straddling - 1, null), 10, 3, 4)).toBe(0);
    expect(hypergeometric(new Scripted(straddling, 0), 10, 3, 4)).toBe(0);
    expect(hypergeometric(new Scripted(straddling, 0.999), 10, 3, 4)).toBe(1);
    expect(hypergeometric(new Scripted(straddling + 1, null), 10, 3, 4)).toBe(1);
    // Population 4000, 16 successes, 1333 draws: the search from the mode (⌊1334 · 17 / 4002⌋ = 5), P(5) from
    // log-factorials as the sampler computes it.
    const lf = logFactorial;
    const atMode = Math.exp(lf(16) + lf(3984) + lf(1333) + lf(2667) - lf(4000) - lf(5) - lf(11) - lf(1328) - lf(2656));
    const word = Math.floor(atMode * 2 ** 32);
    expect(hypergeometric(new Scripted(word - 1, null), 4000, 16, 1333)).toBe(5);
    expect(hypergeometric(new Scripted(word, 0), 4000, 16, 1333)).toBe(5);
    // Just above P(5) the search goes up first: 6.
    expect(hypergeometric(new Scripted(word, 0.999), 4000, 16, 1333)).toBe(6);
  });

  it('gives log n! to full precision across the table and Stirling ranges', () => {
    let exact = 0;
    for (let n = 1; n <= 2000; n++) {
      exact += Math.log(n);
      expect(Math.abs(logFactorial(n) - exact)).toBeLessThan(1e-12 * Math.max(1, exact));
    }
    expect(logFactorial(0)).toBe(0);
  });

  it('draws uniform integers below n (chi-square, 0.1 % level)', () => {
    const rng = new RandomStream(3, 3);
    for (const n of [1, 2, 3, 7, 1000, 0x200000 + 5]) {
      const bins = Math.min(n, 50);
      const draws = 400 * bins;
      const counts = new Float64Array(bins);
      let outside = 0;
      for (let i = 0; i < draws; i++) {
        const k = uniformBelow(rng, n);
        if (Number.isInteger(k) && k >= 0 && k < n) counts[Math.floor((k * bins) / n)]++;
        else outside++;
      }
      expect(outside).toBe(0);
      if (bins < 2) continue;
      // Equal-width bins of k: exact for n a multiple of bins, within 1/n of it otherwise.
      const expected = counts.map((_, i) => draws * (Math.ceil(((i + 1) * n) / bins) - Math.ceil((i * n) / bins)) / n);
      const chi2 = counts.reduce((s, c, i) => s + (c - expected[i]) ** 2 / expected[i], 0);
      expect(chi2, `n = ${n}`).toBeLessThan(chiSquareCritical(bins - 1, 3.090232));
    }
  });
});
