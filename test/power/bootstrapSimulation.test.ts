import { describe, expect, it } from 'vitest';
import { simulateBootstrapPower } from '../../src/power/simulateBootstrapPower.js';

describe('simulateBootstrapPower (the analysis engine checks the analytic power)', () => {
  // power.prop.test(p1 = .2, p2 = .35, power = .8) gives n = 137.9 per group: at 138 the power is 0.8002.
  const options = { p0: 0.2, effect: 0.15, perArm: [138, 138], alpha: 0.05, replicates: 400, seed: 11, bootstrapReplicates: 200 };

  it('rejects in about the analytic share of trials analysed with the stratified bootstrap', () => {
    const result = simulateBootstrapPower(options);
    expect(result.analyticPower[0]).toBeCloseTo(0.8002, 3);
    // Monte Carlo SE ≈ sqrt(0.8 · 0.2 / 400) = 0.02; 4 SEs, plus 0.02 for the percentile interval's
    // small-sample difference from the z-test's normal approximation.
    expect(Math.abs(result.power[0] - result.analyticPower[0])).toBeLessThan(4 * result.monteCarloSe[0] + 0.02);
  });

  it('has no power without an effect beyond about the nominal 5 % level', () => {
    const result = simulateBootstrapPower({ ...options, effect: 0, replicates: 400 });
    // Under the null the rejection rate is the test's size: 0.05 ± 4 · sqrt(0.05 · 0.95 / 400) ≈ ± 0.044.
    expect(result.power[0]).toBeLessThan(0.05 + 0.044);
  });

  it('is the same for the same seed', () => {
    const small = { ...options, replicates: 30, bootstrapReplicates: 50 };
    expect(simulateBootstrapPower(small)).toEqual(simulateBootstrapPower(small));
  });
});
