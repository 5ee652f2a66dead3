import jStat from 'jstat';
import { describe, expect, it } from 'vitest';
import { BinomialTable, pooledZTestRejects, simulatePower, twoProportionPower } from '../../src/power/index.js';
import { RandomStream } from '../../src/random/stream.js';

describe('BinomialTable', () => {
  it('draws with the binomial probabilities (each k within 4 SE of its mass)', () => {
    const table = new BinomialTable(12, 0.3);
    const stream = new RandomStream(7, 0);
    const draws = 40000;
    const counts = new Array<number>(13).fill(0);
    for (let i = 0; i < draws; i++) counts[table.draw(stream)]++;
    for (let k = 0; k <= 12; k++) {
      const mass = jStat.binomial.pdf(k, 12, 0.3);
      const se = Math.sqrt((mass * (1 - mass)) / draws);
      expect(Math.abs(counts[k] / draws - mass), `k = ${k}`).toBeLessThanOrEqual(4 * se + 1e-12);
    }
  });

  it('has mean np for a large n (walks the masses out from the mode without overflow)', () => {
    const table = new BinomialTable(100000, 0.18);
    const stream = new RandomStream(3, 0);
    let sum = 0;
    const draws = 4000;
    for (let i = 0; i < draws; i++) sum += table.draw(stream);
    const se = Math.sqrt(100000 * 0.18 * 0.82 / draws);
    expect(Math.abs(sum / draws - 18000)).toBeLessThan(4 * se);
  });

  it('handles certain outcomes', () => {
    const stream = new RandomStream(1, 0);
    expect(new BinomialTable(5, 0).draw(stream)).toBe(0);
    expect(new BinomialTable(5, 1).draw(stream)).toBe(5);
  });
});

describe('simulatePower', () => {
  it('agrees with the analytic power within 4 Monte Carlo SEs at R = 2000 (two arms)', () => {
    const result = simulatePower({ p0: 0.5, effect: 0.25, perArm: [77, 77], replicates: 2000, seed: 20170331 });
    expect(result.analyticPower[0]).toBeCloseTo(twoProportionPower(0.5, 0.75, 77, 77, 1.959963984540054), 12);
    expect(Math.abs(result.power[0] - result.analyticPower[0])).toBeLessThan(4 * result.monteCarloSe[0]);
    expect(result.monteCarloSe[0]).toBeCloseTo(Math.sqrt((result.power[0] * (1 - result.power[0])) / 2000), 15);
  });

  it('agrees for the trial design: three arms of 509, Bonferroni, unequal arms too', () => {
    const trial = simulatePower({ p0: 0.18, effect: 0.08, perArm: [509, 509, 509], adjust: 'bonferroni', replicates: 2000, seed: 5 });
    const waitList = simulatePower({ p0: 0.2, effect: 0.1, perArm: [120, 180], replicates: 2000, seed: 6 });
    for (const result of [trial, waitList]) {
      result.power.forEach((p, k) => expect(Math.abs(p - result.analyticPower[k])).toBeLessThan(4 * result.monteCarloSe[k]));
    }
  });

  it('rejects at the significance level under the null', () => {
    const result = simulatePower({ p0: 0.3, effect: 0, perArm: [200, 200], replicates: 2000, seed: 11 });
    const se = Math.sqrt((0.05 * 0.95) / 2000);
    expect(Math.abs(result.power[0] - 0.05)).toBeLessThan(4 * se);
  });

  it('is a function of the seed alone', () => {
    const options = { p0: 0.4, effect: 0.1, perArm: [60, 60, 60], replicates: 300, seed: 99 };
    expect(simulatePower(options)).toEqual(simulatePower(options));
    expect(simulatePower({ ...options, seed: 100 }).rejections).not.toEqual(simulatePower(options).rejections);
  });

  it('tests with the pooled z statistic (hand computation)', () => {
    // 30/100 vs 45/100: p̄ = 0.375, SE = sqrt(0.375·0.625·0.02) = 0.0684653, z = 0.15 / SE = 2.1909
    expect(pooledZTestRejects(30, 100, 45, 100, 1.959963984540054)).toBe(true);
    expect(pooledZTestRejects(30, 100, 45, 100, 2.241402727604947)).toBe(false);
    expect(pooledZTestRejects(0, 10, 0, 10, 1.96)).toBe(false);
  });
});
