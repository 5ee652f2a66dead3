import { describe, expect, it } from 'vitest';
import { randomizationPValues, type PermutationDesign } from '../../src/estimate/randomizationInference.js';

/** Difference in means of y between arm 1 and arm 0 (and arm 2 and arm 0): cells [NaN, d1, d2]. */
function differences(y: number[]) {
  return (labels: Uint8Array, out: Float64Array) => {
    const sum = [0, 0, 0];
    const n = [0, 0, 0];
    labels.forEach((a, i) => {
      sum[a] += y[i];
      n[a]++;
    });
    out[0] = NaN;
    for (const a of [1, 2]) out[a] = n[a] > 0 && n[0] > 0 ? sum[a] / n[a] - sum[0] / n[0] : NaN;
  };
}
const cellsOf = (a: number) => Int32Array.of(a);

function observedOf(design: PermutationDesign, y: number[]): Float64Array {
  const out = new Float64Array(3);
  differences(y)(design.arm, out);
  return out;
}

describe('randomizationPValues', () => {
  it('is exact over the 70 assignments of 8 persons, 4 and 4: only the observed split and its mirror reach |T| = 1', () => {
    const y = [1, 1, 1, 1, 0, 0, 0, 0];
    const design: PermutationDesign = { arm: Uint8Array.of(1, 1, 1, 1, 0, 0, 0, 0), block: new Int32Array(8), blockCount: 1, arms: 2, reference: 0 };
    const result = randomizationPValues(design, observedOf(design, y), differences(y), cellsOf, 1, 2000);
    expect(result.exact[1]).toBe(true);
    expect(result.permutations[1]).toBe(70);
    expect(result.p[1]).toBeCloseTo(2 / 70, 15);
  });

  it('permutes within blocks: two blocks of 2 + 2 have 6 × 6 assignments, 2 of them as extreme', () => {
    const y = [1, 1, 0, 0, 1, 1, 0, 0];
    const design: PermutationDesign = { arm: Uint8Array.of(1, 1, 0, 0, 1, 1, 0, 0), block: Int32Array.of(0, 0, 0, 0, 1, 1, 1, 1), blockCount: 2, arms: 2, reference: 0 };
    const result = randomizationPValues(design, observedOf(design, y), differences(y), cellsOf, 1, 2000);
    expect(result.permutations[1]).toBe(36);
    expect(result.p[1]).toBeCloseTo(2 / 36, 15);
  });

  it('keeps a third arm fixed and permutes only among the two arms compared', () => {
    // Arm 2's persons have y = 5: were they permuted in, |T*| would often exceed the observed.
    const y = [1, 1, 0, 0, 5, 5];
    const design: PermutationDesign = { arm: Uint8Array.of(1, 1, 0, 0, 2, 2), block: new Int32Array(6), blockCount: 1, arms: 3, reference: 0 };
    const result = randomizationPValues(design, observedOf(design, y), differences(y), cellsOf, 1, 2000);
    expect(result.permutations[1]).toBe(6); // C(4, 2)
    expect(result.p[1]).toBeCloseTo(2 / 6, 15);
    // arm 2 vs reference: persons 2, 3 (y 0) and 4, 5 (y 5): T_obs = 5, only the observed split reaches it in |T|... and its mirror (−5)
    expect(result.p[2]).toBeCloseTo(2 / 6, 15);
  });

  it('samples R permutations when there are more assignments, within Monte Carlo error of the exact p, reproducibly', () => {
    // 16 persons 8 + 8: 12,870 assignments; exact p by full enumeration with R large enough.
    const y = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3];
    const arm = Uint8Array.from({ length: 16 }, (_, i) => (i < 8 ? 1 : 0));
    const design: PermutationDesign = { arm, block: new Int32Array(16), blockCount: 1, arms: 2, reference: 0 };
    const observed = observedOf(design, y);
    const exact = randomizationPValues(design, observed, differences(y), cellsOf, 1, 20000);
    expect(exact.exact[1]).toBe(true);
    const R = 2000;
    const sampled = randomizationPValues(design, observed, differences(y), cellsOf, 7, R);
    expect(sampled.exact[1]).toBe(false);
    const p = exact.p[1];
    // Binomial Monte Carlo SE sqrt(p(1 − p)/R); 4 SE makes a false failure about 1 in 16,000.
    expect(Math.abs(sampled.p[1] - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / R) + 1 / R);
    expect(randomizationPValues(design, observed, differences(y), cellsOf, 7, R).p).toEqual(sampled.p);
  });
});
