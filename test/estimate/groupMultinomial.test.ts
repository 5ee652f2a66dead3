import jStat from 'jstat';
import { describe, expect, it } from 'vitest';
import { drawGroupCounts, GroupCounts, resampleGroups, spreadOverMembers, type ResampleGroups } from '../../src/estimate/groupMultinomial.js';
import { subgroupLayout } from '../../src/estimate/layout.js';
import type { Panel } from '../../src/panel/buildPanel.js';
import { RandomStream } from '../../src/random/stream.js';

// The project's declaration of jstat (src/types) covers what src uses; this one is the test's own.
const { chisquare } = jStat as unknown as { chisquare: { inv(p: number, df: number): number } };

/**
 * Persons of 3 arms (no blocks, no subgroups), 2 outcomes × 2 months, the
 * first outcome primary, given as [arm, primary history, other history]:
 * - arm 0, 5 persons: coarse groups {P0, P1, P2}, {P3}, {P4}; the first
 *   splits into fine groups {P0, P1} and {P2} by the other outcome;
 * - arm 1, 20 persons: two groups of 10 (one binomial for the run, then
 *   spread by binomials: the count is large against the run);
 * - arm 2, 60 persons: groups of 30, 20 and 10 (means of 30 take BTRS);
 * - arm 3, 42 persons: a group of 30 and 12 of one person each, told apart
 *   by a subgroup variable (a binomial for the 30, the 12 then drawn person
 *   by person);
 * - arm 4, 60 persons: ten groups of 5, then ten of one person (a binomial
 *   for the run of fives, spread over them by uniform draws).
 */
function design() {
  const persons: [number, number[], number[]][] = [
    [0, [1, 1], [0, 0]],
    [0, [1, 1], [0, 0]],
    [0, [1, 1], [1, 1]],
    [0, [1, 0], [0, 0]],
    [0, [0, 0], [0, 0]],
    ...Array.from({ length: 20 }, (_, i): [number, number[], number[]] => [1, i < 10 ? [1, 1] : [0, 0], [0, 0]]),
    ...Array.from({ length: 60 }, (_, i): [number, number[], number[]] => [2, i < 30 ? [1, 1] : i < 50 ? [0, 1] : [0, 0], [1, 0]]),
    ...Array.from({ length: 42 }, (): [number, number[], number[]] => [3, [0, 1], [0, 0]]),
    ...Array.from({ length: 60 }, (): [number, number[], number[]] => [4, [0, 0], [0, 0]]),
  ];
  const N = persons.length;
  const values = new Uint8Array(N * 4);
  persons.forEach(([, primary, other], p) => values.set([...primary, ...other], p * 4));
  const panel: Panel = { persons: N, outcomes: ['primary', 'other'], months: Int32Array.from([1, 2]), values, status: new Uint8Array(0), censored: new Int32Array(2) };
  const arm = Uint8Array.from(persons, ([a]) => a);
  // Persons 115 … 126 one tag each; from 127 on, ten tags of five persons, then ten of one.
  const tag = Int32Array.from(persons, (_, p) => (p >= 177 ? p - 154 : p >= 127 ? 13 + Math.floor((p - 127) / 5) : p >= 115 ? p - 114 : 0));
  const levels = Array.from({ length: 33 }, (_, i) => String(i));
  return { panel, arm, block: new Int32Array(N), blockCount: 1, arms: 5, groups: subgroupLayout(N, new Map([['tag', { levels, codes: tag }]])), primaryOutcome: 0, refine: true };
}

/** Pearson's chi-square of observed outcome counts against exact probabilities; bins expecting < 5 pooled into one. */
function chiSquare(observed: Map<string, number>, probability: Map<string, number>, draws: number): { statistic: number; df: number } {
  let statistic = 0;
  let bins = 0;
  let pooledObserved = 0;
  let pooledExpected = 0;
  for (const [key, p] of probability) {
    const expected = draws * p;
    const seen = observed.get(key) ?? 0;
    if (expected < 5) {
      pooledObserved += seen;
      pooledExpected += expected;
      continue;
    }
    statistic += (seen - expected) ** 2 / expected;
    bins++;
  }
  for (const key of observed.keys()) if (!probability.has(key)) pooledObserved += observed.get(key)!; // impossible outcomes
  if (pooledExpected > 0 || pooledObserved > 0) {
    statistic += (pooledObserved - pooledExpected) ** 2 / Math.max(pooledExpected, 1e-12);
    bins++;
  }
  return { statistic, df: bins - 1 };
}

/** Mult(n; p) probabilities of every outcome, keyed by the counts joined with commas. */
function multinomialPmf(n: number, p: number[]): Map<string, number> {
  const out = new Map<string, number>();
  const logFactorial = (k: number) => Array.from({ length: k }, (_, i) => Math.log(i + 1)).reduce((a, b) => a + b, 0);
  const visit = (i: number, left: number, counts: number[]) => {
    if (i === p.length - 1) {
      const all = [...counts, left];
      const log = logFactorial(n) + all.reduce((sum, x, j) => sum - logFactorial(x) + x * Math.log(p[j]), 0);
      out.set(all.join(','), Math.exp(log));
      return;
    }
    for (let x = 0; x <= left; x++) visit(i + 1, left - x, [...counts, x]);
  };
  visit(0, n, []);
  return out;
}

/** Fine groups of the design by their first person. */
function fineByFirstPerson(g: ResampleGroups): Map<number, number> {
  const byFirst = new Map<number, number>();
  for (let f = 0; f < g.fine.size.length; f++) byFirst.set(g.members[g.fineMembers[f]], f);
  return byFirst;
}

describe('drawGroupCounts', () => {
  const d = design();
  const g = resampleGroups(d);
  const counts = new GroupCounts(g);
  const rng = new RandomStream(0, 0);
  const D = 100_000;
  const seed = 8080;

  it('groups and orders as the module says: strata in order, coarse and fine groups by descending size', () => {
    const ones = (k: number) => Array(k).fill(1);
    const fives = Array(10).fill(5);
    expect(Array.from(g.stratumSize)).toEqual([5, 20, 60, 42, 60]);
    expect(Array.from(g.coarse.size)).toEqual([3, 1, 1, 10, 10, 30, 20, 10, 30, ...ones(12), ...fives, ...ones(10)]);
    expect(Array.from(g.fine.size)).toEqual([2, 1, 1, 1, 10, 10, 30, 20, 10, 30, ...ones(12), ...fives, ...ones(10)]);
    expect(Array.from(g.members.subarray(0, 5))).toEqual([0, 1, 2, 3, 4]);
    // Equal sizes keep the order of their first persons.
    expect(g.members[g.fineMembers[4]]).toBe(5);
    expect(g.members[g.fineMembers[5]]).toBe(15);
  });

  it('draws every stratum’s groups as Mult(n_h; c_g / n_h) (chi-square, 0.1 % level)', () => {
    const f = fineByFirstPerson(g);
    const small = [f.get(0)!, f.get(2)!, f.get(3)!, f.get(4)!];
    const runOfTwo = f.get(5)!;
    const large = [f.get(25)!, f.get(55)!];
    const mixed = [f.get(85)!, f.get(115)!, f.get(116)!];
    const runs = [f.get(127)!, f.get(132)!, f.get(177)!];
    const seen = Array.from({ length: 5 }, () => new Map<string, number>());
    const tally = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
    for (let b = 0; b < D; b++) {
      drawGroupCounts(g, seed, b, rng, counts);
      tally(seen[0], small.map((x) => counts.fine[x]).join(','));
      tally(seen[1], `${counts.fine[runOfTwo]},${20 - counts.fine[runOfTwo]}`);
      const x30 = counts.fine[large[0]];
      const x20 = counts.fine[large[1]];
      tally(seen[2], `${x30},${x20},${60 - x30 - x20}`);
      const [y30, y1, y2] = mixed.map((x) => counts.fine[x]);
      tally(seen[3], `${y30},${y1},${y2},${42 - y30 - y1 - y2}`);
      const [z1, z2, z3] = runs.map((x) => counts.fine[x]);
      tally(seen[4], `${z1},${z2},${z3},${60 - z1 - z2 - z3}`);
    }
    const expected = [
      multinomialPmf(5, [2 / 5, 1 / 5, 1 / 5, 1 / 5]),
      multinomialPmf(20, [1 / 2, 1 / 2]),
      multinomialPmf(60, [1 / 2, 1 / 3, 1 / 6]),
      multinomialPmf(42, [30 / 42, 1 / 42, 1 / 42, 10 / 42]),
      multinomialPmf(60, [5 / 60, 5 / 60, 1 / 60, 49 / 60]),
    ];
    expected.forEach((pmf, i) => {
      const { statistic, df } = chiSquare(seen[i], pmf, D);
      expect(statistic, `stratum ${i}: ${statistic.toFixed(1)} on ${df} df`).toBeLessThan(chisquare.inv(0.999, df));
    });
  });

  it('spreads the counts over persons as person resampling would: Mult(n_h; 1/n_h, …) within a stratum', () => {
    const weights = new Int32Array(d.panel.persons);
    const seen = new Map<string, number>();
    for (let b = 0; b < D; b++) {
      drawGroupCounts(g, seed, b, rng, counts);
      weights.fill(0);
      spreadOverMembers(g, counts.fine, seed, b, rng, weights);
      seen.set(Array.from(weights.subarray(0, 5)).join(','), (seen.get(Array.from(weights.subarray(0, 5)).join(',')) ?? 0) + 1);
      if (b < 100) {
        // The persons of a fine group add up to its count, every time.
        for (let f = 0; f < g.fine.size.length; f++) {
          let sum = 0;
          for (let i = g.fineMembers[f]; i < g.fineMembers[f + 1]; i++) sum += weights[g.members[i]];
          expect(sum).toBe(counts.fine[f]);
        }
      }
    }
    const { statistic, df } = chiSquare(seen, multinomialPmf(5, [0.2, 0.2, 0.2, 0.2, 0.2]), D);
    expect(statistic, `${statistic.toFixed(1)} on ${df} df`).toBeLessThan(chisquare.inv(0.999, df));
  });

  it('draws the same coarse counts whether or not the other outcomes split the groups', () => {
    const coarseOnly = resampleGroups({ ...d, refine: false });
    expect(Array.from(coarseOnly.coarse.size)).toEqual(Array.from(g.coarse.size));
    const other = new GroupCounts(coarseOnly);
    for (let b = 0; b < 50; b++) {
      drawGroupCounts(g, seed, b, rng, counts);
      drawGroupCounts(coarseOnly, seed, b, rng, other);
      expect(other.coarse).toEqual(counts.coarse);
      expect(other.fine).toEqual(other.coarse);
    }
  });
});
