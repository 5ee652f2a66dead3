import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/random/stream.js';
import { blockPlan, blockStreamIndex, drawAssignments, permutedBlock } from '../../src/assign/index.js';

const THREE = ['FS', 'SE', 'CM'];
const EQUAL = { FS: 1 / 3, SE: 1 / 3, CM: 1 / 3 };
const WAIT_LIST = { NOW: 0.6, WAIT: 0.4 };

describe('blockPlan', () => {
  it('takes the smallest whole multiple of the allocation as the block', () => {
    expect(blockPlan(THREE, EQUAL)).toEqual({ arms: THREE, counts: [1, 1, 1], length: 3 });
    expect(blockPlan(['NOW', 'WAIT'], WAIT_LIST)).toEqual({ arms: ['NOW', 'WAIT'], counts: [3, 2], length: 5 });
    expect(blockPlan(THREE, { FS: 0.5, SE: 0.25, CM: 0.25 }).counts).toEqual([2, 1, 1]);
    expect(blockPlan(['A', 'B'], { A: 0.7, B: 0.3 }).length).toBe(10);
    // Shares rounded to three decimals still mean 1:1:1.
    expect(blockPlan(THREE, { FS: 0.333, SE: 0.333, CM: 0.334 }).counts).toEqual([1, 1, 1]);
  });

  it('refuses an allocation that misses an arm, does not add up to 1, or fits no block of 100', () => {
    expect(() => blockPlan(THREE, { FS: 0.5, SE: 0.5 })).toThrow(/missing CM/);
    expect(() => blockPlan(['A', 'B'], { A: 0.6, B: 0.6 })).toThrow(/add up to 1/);
    expect(() => blockPlan(['A', 'B'], { A: 0.6131, B: 0.3869 })).toThrow(/no permuted block/);
  });
});

describe('permutedBlock', () => {
  it('holds each arm exactly as often as the plan says', () => {
    const plan = blockPlan(['NOW', 'WAIT'], WAIT_LIST);
    for (let j = 0; j < 50; j++) {
      const block = [...permutedBlock(plan, 42, 'Malmö', j)];
      expect(block.filter((a) => a === 0)).toHaveLength(3);
      expect(block.filter((a) => a === 1)).toHaveLength(2);
    }
  });

  it('draws each of the 6 orderings of a 1:1:1 block about equally often (within 4 SE)', () => {
    const plan = blockPlan(THREE, EQUAL);
    const counts = new Map<string, number>();
    const blocks = 3000;
    for (let j = 0; j < blocks; j++) {
      const key = permutedBlock(plan, 7, 'stratum', j).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    const expected = blocks / 6;
    const se = Math.sqrt(blocks * (1 / 6) * (5 / 6));
    for (const n of counts.values()) expect(Math.abs(n - expected)).toBeLessThan(4 * se);
  });

  it('depends on seed, stratum and block number only', () => {
    const plan = blockPlan(['A', 'B'], { A: 0.5, B: 0.5 });
    const sequence = (seed: number, stratum: string) => Array.from({ length: 40 }, (_, j) => permutedBlock(plan, seed, stratum, j).join('')).join('|');
    expect(sequence(1, 'x')).toBe(sequence(1, 'x'));
    expect(sequence(1, 'x')).not.toBe(sequence(2, 'x'));
    expect(sequence(1, 'x')).not.toBe(sequence(1, 'y'));
    expect(blockStreamIndex('x', 3) - blockStreamIndex('x', 0)).toBe(3);
    expect(blockStreamIndex('x', 0)).not.toBe(blockStreamIndex('y', 0));
    expect(() => blockStreamIndex('x', 2 ** 21)).toThrow(RangeError);
  });
});

describe('drawAssignments', () => {
  // A reproducible arrival order over four strata of unequal size (Lund twice as likely).
  const order = new RandomStream(99, 0);
  const arrivals = Array.from({ length: 400 }, () => ['Lund', 'Lund', 'Ystad', 'Eslöv', 'Höör'][order.nextInt(5)]);

  it('gives the same arms in two batches as in one (the log count carries the position)', () => {
    const plan = blockPlan(THREE, EQUAL);
    const all = drawAssignments(arrivals, new Map(), plan, 11);
    const first = drawAssignments(arrivals.slice(0, 137), new Map(), plan, 11);
    const before = new Map<string, number>();
    for (const s of arrivals.slice(0, 137)) before.set(s, (before.get(s) ?? 0) + 1);
    const second = drawAssignments(arrivals.slice(137), before, plan, 11);
    expect([...first, ...second]).toEqual([...all]);
  });

  it('keeps every stratum within one block of the allocation at every point', () => {
    for (const [arms, allocation] of [[THREE, EQUAL], [['NOW', 'WAIT'], WAIT_LIST]] as const) {
      const plan = blockPlan(arms, allocation);
      const drawn = drawAssignments(arrivals, new Map(), plan, 5);
      const seen = new Map<string, number[]>();
      arrivals.forEach((stratum, i) => {
        const counts = seen.get(stratum) ?? plan.arms.map(() => 0);
        counts[drawn[i]]++;
        seen.set(stratum, counts);
        const m = counts.reduce((s, n) => s + n, 0);
        counts.forEach((n, k) => {
          const target = (m * plan.counts[k]) / plan.length;
          // Within the current block an arm is at most its places ahead or behind.
          expect(Math.abs(n - target)).toBeLessThanOrEqual(plan.counts[k]);
        });
        if (m % plan.length === 0) counts.forEach((n, k) => expect(n).toBe((m / plan.length) * plan.counts[k]));
      });
    }
  });

  it('gives 60/40 within every completed block of five in each stratum', () => {
    const plan = blockPlan(['NOW', 'WAIT'], WAIT_LIST);
    const drawn = drawAssignments(arrivals, new Map(), plan, 2024);
    const byStratum = new Map<string, number[]>();
    arrivals.forEach((s, i) => byStratum.set(s, [...(byStratum.get(s) ?? []), drawn[i]]));
    for (const sequence of byStratum.values()) {
      for (let start = 0; start + 5 <= sequence.length; start += 5) {
        const block = sequence.slice(start, start + 5);
        expect(block.filter((a) => a === 0)).toHaveLength(3);
      }
    }
  });
});
