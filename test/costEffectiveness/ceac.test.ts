import { describe, expect, it } from 'vitest';
import { acceptabilityCurve, ceacValues, niceCeiling } from '../../src/costEffectiveness/ceac.js';
import { RandomStream } from '../../src/random/stream.js';

function replicates(n: number, seed: number, effect: (rng: RandomStream) => number) {
  const rng = new RandomStream(seed, 0);
  const dCost = Float64Array.from({ length: n }, () => 20_000 * (rng.nextFloat() - 0.3));
  const dWork = Float64Array.from({ length: n }, () => effect(rng));
  return { dCost, dWork };
}

const grid = Array.from({ length: 101 }, (_, i) => i * 1000);

describe('cost-effectiveness acceptability curve', () => {
  it('is P(Δcost < 0) at a value of 0', () => {
    const { dCost, dWork } = replicates(1000, 1, (rng) => rng.nextFloat() - 0.5);
    const curve = acceptabilityCurve(dCost, dWork, grid);
    expect(curve[0]).toEqual({ value: 0, probability: dCost.filter((c) => c < 0).length / 1000 });
  });

  it('never falls when every replicate gains work-months, and never rises when every one loses them', () => {
    const gains = replicates(800, 2, (rng) => 0.01 + rng.nextFloat());
    const up = acceptabilityCurve(gains.dCost, gains.dWork, grid).map((p) => p.probability);
    up.slice(1).forEach((p, i) => expect(p).toBeGreaterThanOrEqual(up[i]));
    const losses = replicates(800, 3, (rng) => -0.01 - rng.nextFloat());
    const down = acceptabilityCurve(losses.dCost, losses.dWork, grid).map((p) => p.probability);
    down.slice(1).forEach((p, i) => expect(p).toBeLessThanOrEqual(down[i]));
  });

  it('tends to P(Δwork-months > 0) at high values', () => {
    const { dCost, dWork } = replicates(1000, 4, (rng) => rng.nextFloat() - 0.4);
    const far = acceptabilityCurve(dCost, dWork, [1e12])[0].probability;
    expect(far).toBe(dWork.filter((e) => e > 0).length / 1000);
  });

  it('leaves out replicates with a non-finite difference', () => {
    const curve = acceptabilityCurve(Float64Array.from([-1, 5, NaN]), Float64Array.from([1, 1, 1]), [0]);
    expect(curve[0].probability).toBe(0.5);
  });

  it('runs over 0 … a nice top in 100 steps, wide enough for the ICERs and the set value', () => {
    expect(niceCeiling(123_000)).toBe(200_000);
    expect(niceCeiling(50_000)).toBe(50_000);
    expect(niceCeiling(210_000)).toBe(250_000);
    expect(ceacValues([], null)).toHaveLength(101);
    expect(ceacValues([], null).at(-1)).toBe(50_000);
    expect(ceacValues([30_000], null).at(-1)).toBe(100_000); // 3 × 30 000 → 100 000
    expect(ceacValues([1e7], null).at(-1)).toBe(200_000); // capped
    expect(ceacValues([-5], 40_000).at(-1)).toBe(100_000); // twice the set value
    expect(ceacValues([], null)[1]).toBe(500);
  });
});
