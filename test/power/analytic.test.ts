import { describe, expect, it } from 'vitest';
import { integerArms, minimumDetectableEffect, parseRatio, powerForDesign, sampleSizeForEffect, twoProportionPower } from '../../src/power/index.js';

// Normal quantiles from published tables (R: qnorm), typed in so that the
// expected values below do not go through the code's own quantile function.
const Z_975 = 1.959963984540054; // qnorm(0.975)
const Z_9875 = 2.241402727604947; // qnorm(0.9875): α = 0.05 / 2 comparisons
const Z_80 = 0.8416212335729143; // qnorm(0.80)
const Z_90 = 1.2815515655446004; // qnorm(0.90)

describe('power of the two-proportion z-test (R power.prop.test, strict = FALSE)', () => {
  it('gives R\'s documented power.prop.test(n = 50, p1 = .50, p2 = .75): power = 0.7401659', () => {
    const result = powerForDesign({ p0: 0.5, effect: 0.25, perArm: [50, 50] });
    expect(result.powerByComparison[0]).toBeCloseTo(0.7401659, 7);
  });

  it('is symmetric in the direction of the effect and rises with n', () => {
    const up = twoProportionPower(0.3, 0.4, 100, 100, Z_975);
    const down = twoProportionPower(0.4, 0.3, 100, 100, Z_975);
    expect(up).toBeCloseTo(down, 14);
    expect(twoProportionPower(0.3, 0.4, 200, 200, Z_975)).toBeGreaterThan(up);
  });

  it('is α/2 under the null (strict = FALSE counts one tail only)', () => {
    expect(twoProportionPower(0.3, 0.3, 80, 120, Z_975)).toBeCloseTo(0.025, 12);
  });
});

describe('sampleSizeForEffect', () => {
  it('gives R\'s documented power.prop.test(p1 = .50, p2 = .75, power = .90): n = 76.7', () => {
    const result = sampleSizeForEffect({ p0: 0.5, effect: 0.25, power: 0.9 });
    // Closed form for equal arms, by hand: n = ((z_α·sqrt((p0+p1)(q0+q1)/2) + z_β·sqrt(p0q0 + p1q1)) / Δ)²
    const byHand = ((Z_975 * Math.sqrt((1.25 * 0.75) / 2) + Z_90 * Math.sqrt(0.25 + 0.1875)) / 0.25) ** 2;
    expect(byHand).toBeCloseTo(76.7069, 4);
    expect(result.exactPerArm[0]).toBeCloseTo(byHand, 8);
    expect(result.exactPerArm[0].toFixed(1)).toBe('76.7');
    expect(result.perArm).toEqual([77, 77]);
    expect(result.total).toBe(154);
    expect(result.achievedPower[0]).toBeGreaterThanOrEqual(0.9);
  });

  it('plans the 2017 trial (p0 = 0.18, +0.08, three arms 1:1:1) with and without Bonferroni', () => {
    const p0 = 0.18;
    const p1 = 0.26;
    const nullScale = Math.sqrt(((p0 + p1) * (2 - p0 - p1)) / 2);
    const alternativeScale = Math.sqrt(p0 * (1 - p0) + p1 * (1 - p1));
    const unadjusted = ((Z_975 * nullScale + Z_80 * alternativeScale) / 0.08) ** 2;
    const bonferroni = ((Z_9875 * nullScale + Z_80 * alternativeScale) / 0.08) ** 2;

    const plain = sampleSizeForEffect({ p0, effect: 0.08, ratio: [1, 1, 1] });
    expect(plain.exactPerArm[1]).toBeCloseTo(unadjusted, 6);
    expect(plain.perArm).toEqual([420, 420, 420]);

    const adjusted = sampleSizeForEffect({ p0, effect: 0.08, ratio: [1, 1, 1], adjust: 'bonferroni' });
    expect(adjusted.design.alphaPerComparison).toBeCloseTo(0.025, 15);
    expect(adjusted.exactPerArm[0]).toBeCloseTo(bonferroni, 6);
    expect(adjusted.perArm).toEqual([509, 509, 509]);
    expect(adjusted.total).toBe(1527);
    // Holm plans at the same level as Bonferroni (its first step).
    expect(sampleSizeForEffect({ p0, effect: 0.08, ratio: [1, 1, 1], adjust: 'holm' }).perArm).toEqual(adjusted.perArm);
  });

  it('weights the variances for unequal allocation (reference 40 %, other arm 60 %)', () => {
    const [a0, a1] = [0.4, 0.6];
    const [p0, p1] = [0.2, 0.3];
    // By hand: p̄ = a0·p0 + a1·p1 = 0.26; N = ((z_α·sqrt(p̄q̄(1/a0 + 1/a1)) + z_β·sqrt(p0q0/a0 + p1q1/a1)) / Δ)²
    const total = ((Z_975 * Math.sqrt(0.26 * 0.74 * (1 / a0 + 1 / a1)) + Z_80 * Math.sqrt(0.16 / a0 + 0.21 / a1)) / 0.1) ** 2;
    const result = sampleSizeForEffect({ p0, effect: 0.1, ratio: parseRatio('40:60') });
    expect(result.exactTotal).toBeCloseTo(total, 6);
    expect(result.exactPerArm[0]).toBeCloseTo(total * 0.4, 6);
    expect(result.perArm).toEqual([Math.ceil(total * 0.4), Math.ceil(total * 0.6)]);
    // Unequal allocation never needs fewer persons than equal allocation for the same effect.
    expect(result.exactTotal).toBeGreaterThan(sampleSizeForEffect({ p0, effect: 0.1 }).exactTotal);
    // At the exact sizes the power is the target, to rounding.
    expect(powerForDesign({ p0, effect: 0.1, perArm: result.exactPerArm }).powerByComparison[0]).toBeCloseTo(0.8, 10);
  });

  it('lets the smallest arm set the total when arms differ (ratio 2:1:3)', () => {
    const result = sampleSizeForEffect({ p0: 0.3, effect: 0.1, ratio: [2, 1, 3] });
    const [weak, strong] = powerForDesign({ p0: 0.3, effect: 0.1, perArm: result.exactPerArm }).powerByComparison;
    expect(weak).toBeCloseTo(0.8, 10);
    expect(strong).toBeGreaterThan(0.8);
    expect(result.achievedPower.every((p) => p >= 0.8)).toBe(true);
  });

  it('refuses effects that leave (0, 1) and other bad input with a usage error', () => {
    expect(() => sampleSizeForEffect({ p0: 0.9, effect: 0.2 })).toThrow(/strictly between 0 and 1/);
    expect(() => sampleSizeForEffect({ p0: 0.5, effect: 0 })).toThrow(/non-zero/);
    expect(() => sampleSizeForEffect({ p0: 1.2, effect: 0.1 })).toThrow(/p0/);
    expect(() => sampleSizeForEffect({ p0: 0.2, effect: 0.1, ratio: [1] })).toThrow(/ratio/);
    expect(() => parseRatio('1:x')).toThrow(/ratio/);
    expect(() => parseRatio('1:0')).toThrow(/ratio/);
  });
});

describe('minimumDetectableEffect', () => {
  it('gives R\'s documented power.prop.test(n = 50, p1 = .5, power = .90): p2 = 0.8026', () => {
    const result = minimumDetectableEffect({ p0: 0.5, totalN: 100, power: 0.9 });
    expect(result.p1.toFixed(4)).toBe('0.8026');
    expect(powerForDesign({ p0: 0.5, effect: result.effect, perArm: [50, 50] }).powerByComparison[0]).toBeCloseTo(0.9, 10);
  });

  it('inverts the sample size: the MDE at the exact N for an effect is that effect', () => {
    const planned = sampleSizeForEffect({ p0: 0.18, effect: 0.08, ratio: [3, 2] });
    const mde = minimumDetectableEffect({ p0: 0.18, totalN: planned.exactTotal, ratio: [3, 2] });
    expect(mde.effect).toBeCloseTo(0.08, 9);
  });

  it('finds the MDE of the 2017 trial at N = 1,063 in three equal arms', () => {
    // 354.3 persons per arm: about 0.088 unadjusted and 0.097 with Bonferroni
    // (α = 0.025 per comparison), between the effects that need 420 and 509 per arm.
    const plain = minimumDetectableEffect({ p0: 0.18, totalN: 1063, ratio: [1, 1, 1] });
    const adjusted = minimumDetectableEffect({ p0: 0.18, totalN: 1063, ratio: [1, 1, 1], adjust: 'bonferroni' });
    expect(plain.effect).toBeGreaterThan(0.08);
    expect(plain.effect).toBeLessThan(0.09);
    expect(adjusted.effect).toBeGreaterThan(0.09);
    expect(adjusted.effect).toBeLessThan(0.1);
    // Hand check at the solution: Φ⁻¹ of the power is z_β, i.e. the standardized margin equals Z_80.
    const n = 1063 / 3;
    const p1 = adjusted.p1;
    const margin = (Math.sqrt(n) * (p1 - 0.18) - Z_9875 * Math.sqrt(((0.18 + p1) * (2 - 0.18 - p1)) / 2)) / Math.sqrt(0.18 * 0.82 + p1 * (1 - p1));
    expect(margin).toBeCloseTo(Z_80, 9);
  });

  it('says when no increase can reach the power', () => {
    expect(() => minimumDetectableEffect({ p0: 0.9, totalN: 6, power: 0.99, alpha: 0.001 })).toThrow(/more persons are needed/);
  });
});

describe('integerArms', () => {
  it('splits a total by largest remainder, earlier arms first on ties, adding up exactly', () => {
    expect(integerArms(1063, [1 / 3, 1 / 3, 1 / 3])).toEqual([355, 354, 354]);
    expect(integerArms(10, [0.25, 0.75])).toEqual([3, 7]);
    expect(integerArms(400, [0.4, 0.6])).toEqual([160, 240]);
  });
});
