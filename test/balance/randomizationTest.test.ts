import { describe, expect, it } from 'vitest';
import { balanceRandomizationTest, BlockSampler, distinctAssignments, nextPermutation, personsByBlock } from '../../src/balance/randomizationTest.js';
import { RandomStream } from '../../src/random/stream.js';

/** Naive T for labels: Σ over variables and non-reference arms of ((mean_a − mean_ref) · w)². */
function naiveStatistic(variables: number[][], labels: number[], arms: number, weights: number[][]): number {
  let t = 0;
  variables.forEach((x, k) => {
    const mean = (a: number) => {
      const v = x.filter((_, p) => labels[p] === a);
      return v.reduce((s, y) => s + y, 0) / v.length;
    };
    for (let a = 1; a < arms; a++) t += ((mean(a) - mean(0)) * weights[k][a]) ** 2;
  });
  return t;
}

/** Every distinct arrangement of the labels within each block, by recursion (independent of the code under test). */
function allAssignments(labels: number[], block: number[]): number[][] {
  const blocks = [...new Set(block)].sort((a, b) => a - b);
  let assignments: number[][] = [labels.map(() => -1)];
  for (const b of blocks) {
    const members = block.map((x, p) => (x === b ? p : -1)).filter((p) => p >= 0);
    const arrangements = new Set<string>();
    const permute = (rest: number[], chosen: number[]) => {
      if (rest.length === 0) return void arrangements.add(chosen.join(','));
      rest.forEach((label, i) => permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...chosen, label]));
    };
    permute(members.map((p) => labels[p]), []);
    assignments = assignments.flatMap((partial) =>
      [...arrangements].map((text) => {
        const next = [...partial];
        text.split(',').forEach((label, i) => (next[members[i]] = Number(label)));
        return next;
      }),
    );
  }
  return assignments;
}

function sd(values: number[]): number {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
}

describe('balance randomization test', () => {
  it('gives p = 1/3 on one block of four, enumerated by hand', () => {
    // x = 1, 2, 3, 4; reference {1, 2}, arm {3, 4}. Variances 0.5 each, so w = 1/√0.5 and T = (2 · √2)² = 8.
    // The 6 ways to pick the arm's pair: {3,4} and {1,2} give |diff| 2 (T = 8); {1,3}, {2,4} give 1 (T = 2); {1,4}, {2,3} give 0.
    // Two of six reach T: p = 2/6.
    const result = balanceRandomizationTest(
      { variables: [Float64Array.from([1, 2, 3, 4])], arms: 2, reference: 0, weights: Float64Array.from([0, 1 / Math.sqrt(0.5)]), arm: Uint8Array.from([0, 0, 1, 1]), block: new Int32Array(4), blockCount: 1 },
      7,
      2000,
    );
    expect(result.exact).toBe(true);
    expect(result.permutations).toBe(6);
    expect(result.statistic).toBeCloseTo(8, 12);
    expect(result.p).toBeCloseTo(1 / 3, 14);
  });

  // Two blocks of eight, three arms, two variables (one with a missing value would complicate the naive check, so none).
  const x1 = [3, 7, 1, 9, 4, 4, 8, 2, 5, 6, 1, 7, 3, 9, 2, 8];
  const x2 = [0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0];
  const labels = [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0];
  const block = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1];
  const pooled = (x: number[], a: number) => {
    const of = (arm: number) => x.filter((_, p) => labels[p] === arm);
    return Math.sqrt((sd(of(a)) ** 2 + sd(of(0)) ** 2) / 2);
  };
  const weights = [x1, x2].map((x) => [0, 1 / pooled(x, 1), 1 / pooled(x, 2)]);
  const design = {
    variables: [Float64Array.from(x1), Float64Array.from(x2)],
    arms: 3,
    reference: 0,
    weights: Float64Array.from(weights.flat()),
    arm: Uint8Array.from(labels),
    block: Int32Array.from(block),
    blockCount: 2,
  };
  const observed = naiveStatistic([x1, x2], labels, 3, weights);
  const all = allAssignments(labels, block);
  const exactP = all.filter((a) => naiveStatistic([x1, x2], a, 3, weights) >= observed - 1e-9).length / all.length;

  it('enumerates every distinct within-block assignment when they are at most R', () => {
    // Each block holds arms 0, 1, 2 three, three and two times (or similar): 8! / (3! 3! 2!) = 560 per block.
    expect(all.length).toBe(560 * 560);
    const result = balanceRandomizationTest(design, 3, 560 * 560);
    expect(result.exact).toBe(true);
    expect(result.permutations).toBe(all.length);
    expect(result.statistic).toBeCloseTo(observed, 12);
    expect(result.p).toBeCloseTo(exactP, 12);
  });

  it('estimates the same p with R random within-block permutations', () => {
    const R = 20000;
    const result = balanceRandomizationTest(design, 3, R);
    expect(result.exact).toBe(false);
    expect(result.permutations).toBe(R);
    // Monte Carlo error: SE = sqrt(p(1 − p)/R) ≤ 0.0036; allow four of them.
    expect(Math.abs(result.p - exactP)).toBeLessThan(4 * Math.sqrt((exactP * (1 - exactP)) / R) + 1 / R);
    expect(balanceRandomizationTest(design, 3, R).p).toBe(result.p);
  });

  it('counts distinct assignments as products of multinomials, stopping above the cap', () => {
    const blocks = personsByBlock(Int32Array.from(block), 2);
    expect(distinctAssignments(Uint8Array.from(labels), blocks, 3, 1e9)).toBe(560 * 560);
    expect(distinctAssignments(Uint8Array.from(labels), blocks, 3, 1000)).toBe(Infinity);
    expect(distinctAssignments(Uint8Array.from([0, 0, 1, 1]), personsByBlock(new Int32Array(4), 1), 2, 100)).toBe(6);
  });

  it('visits each arrangement of a multiset once', () => {
    const a = Uint8Array.from([0, 0, 1, 2]);
    const seen = new Set<string>([a.join('')]);
    while (nextPermutation(a)) seen.add(a.join(''));
    expect(seen.size).toBe(12); // 4! / 2!
    expect(a.join('')).toBe('0012'); // wrapped back to the first
  });

  it('draws assignments that keep each block’s arm counts, depending on (seed, r) only', () => {
    const blocks = personsByBlock(Int32Array.from(block), 2);
    const sampler = new BlockSampler(Uint8Array.from(labels), Int32Array.from(block), blocks, 3);
    const rng = new RandomStream(1, 1);
    const drawn = new Map<number, string>();
    for (const r of [0, 1, 2, 50, 51]) {
      const full = new Uint8Array(labels.length);
      sampler.draw(rng, 99, r, full);
      for (const b of [0, 1]) {
        const count = (l: ArrayLike<number>) => [0, 1, 2].map((arm) => Array.from(l).filter((x, p) => block[p] === b && x === arm).length);
        expect(count(full)).toEqual(count(labels));
      }
      drawn.set(r, full.join(''));
    }
    expect(new Set(drawn.values()).size).toBe(5);
    for (const r of [51, 2, 0]) {
      const again = new Uint8Array(labels.length);
      sampler.draw(new RandomStream(7, 7), 99, r, again);
      expect(again.join('')).toBe(drawn.get(r));
    }
  });
});
