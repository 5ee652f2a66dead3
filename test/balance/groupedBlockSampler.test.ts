import { describe, expect, it } from 'vitest';
import { blockCells, GroupedBlockSampler } from '../../src/balance/groupedBlockSampler.js';
import { distinctRows } from '../../src/estimate/distinctRows.js';
import { RandomStream } from '../../src/random/stream.js';

/** Persons of one block, cell by cell, with their observed arms (any arrangement with the block's arm totals). */
interface BlockSpec {
  sizes: number[];
  armTotals: number[];
}

function personsOf(blocks: BlockSpec[]): { arm: Uint8Array; block: Int32Array; group: Int32Array } {
  const arm: number[] = [];
  const block: number[] = [];
  const group: number[] = [];
  blocks.forEach((spec, b) => {
    const labels = spec.armTotals.flatMap((n, a) => Array.from({ length: n }, () => a));
    let next = 0;
    spec.sizes.forEach((size, c) => {
      for (let i = 0; i < size; i++) {
        arm.push(labels[next++]);
        block.push(b);
        // Groups are shared across blocks (group c in every block), as vectors are.
        group.push(c);
      }
    });
  });
  return { arm: Uint8Array.from(arm), block: Int32Array.from(block), group: Int32Array.from(group) };
}

const logFactorial = (n: number): number => {
  let s = 0;
  for (let k = 2; k <= n; k++) s += Math.log(k);
  return s;
};

/**
 * Every table of counts x[c][a] with row sums `sizes` and column sums
 * `armTotals`, with its probability under a uniformly random assignment of
 * the block's labels: Π_c (n_c! / Π_a x_ca!) / (N! / Π_a m_a!).
 */
function exactTables({ sizes, armTotals }: BlockSpec): Map<string, number> {
  const N = sizes.reduce((s, n) => s + n, 0);
  const base = armTotals.reduce((s, m) => s + logFactorial(m), 0) - logFactorial(N);
  const tables = new Map<string, number>();
  const quota = [...armTotals];
  const rows: number[][] = [];
  const visit = (c: number, logWeight: number) => {
    if (c === sizes.length) {
      tables.set(rows.map((r) => r.join(',')).join(';'), Math.exp(base + logWeight));
      return;
    }
    // Every split of cell c's persons over the arms within the quotas left.
    const split = (a: number, left: number, row: number[], w: number) => {
      if (a === armTotals.length - 1) {
        if (left > quota[a]) return;
        row.push(left);
        quota[a] -= left;
        rows.push([...row]);
        visit(c + 1, w - logFactorial(left));
        rows.pop();
        quota[a] += left;
        row.pop();
        return;
      }
      for (let x = 0; x <= Math.min(left, quota[a]); x++) {
        row.push(x);
        quota[a] -= x;
        split(a + 1, left - x, row, w - logFactorial(x));
        quota[a] += x;
        row.pop();
      }
    };
    split(0, sizes[c], [], logWeight + logFactorial(sizes[c]));
  };
  visit(0, 0);
  return tables;
}

/** Wilson–Hilferty upper point of chi-square with df degrees of freedom at normal quantile z. */
function chiSquareCritical(df: number, z: number): number {
  return df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
}

describe('blockCells', () => {
  it('groups persons by (block, group) in block order, with sizes, observed arms and block arm totals', () => {
    const arm = Uint8Array.of(0, 1, 1, 0, 2, 1, 0, 0);
    const block = Int32Array.of(1, 0, 1, 0, 1, 0, 1, 1);
    const group = Int32Array.of(5, 5, 2, 3, 5, 5, 2, 2);
    const cells = blockCells(arm, block, 2, group, 3);
    // Block 0: groups 5 (persons 1, 5), 3 (person 3); block 1: groups 5 (0, 4), 2 (2, 6, 7).
    expect(Array.from(cells.blockStart)).toEqual([0, 2, 4]);
    expect(Array.from(cells.group)).toEqual([5, 3, 5, 2]);
    expect(Array.from(cells.size)).toEqual([2, 1, 2, 3]);
    expect(Array.from(cells.observed)).toEqual([0, 2, 0, 1, 0, 0, 1, 0, 1, 2, 1, 0]);
    expect(Array.from(cells.armTotal)).toEqual([1, 2, 0, 3, 1, 1]);
  });
});

describe('GroupedBlockSampler', () => {
  const blocks: BlockSpec[] = [
    { sizes: [2, 3, 1, 2, 4], armTotals: [5, 4, 3] },
    { sizes: [1, 5, 2], armTotals: [2, 3, 3] },
  ];
  const { arm, block, group } = personsOf(blocks);
  const cells = blockCells(arm, block, 2, group, 3);

  // smallCell 0 splits every cell by hypergeometric variates, 100 every cell person by person.
  // 4 is the default for three arms.
  it.each([0, 4, 100])('draws each block’s count table with its exact multivariate hypergeometric probability (smallCell %i; chi-square)', (smallCell) => {
    const sampler = new GroupedBlockSampler(cells, smallCell);
    const counts = new Int32Array(sampler.length);
    const rng = new RandomStream(31, smallCell);
    const M = 40_000;
    const seen = blocks.map(() => new Map<string, number>());
    for (let r = 0; r < M; r++) {
      sampler.draw(rng, counts);
      blocks.forEach((_, b) => {
        const rows: string[] = [];
        for (let c = cells.blockStart[b]; c < cells.blockStart[b + 1]; c++) rows.push(Array.from(counts.subarray(c * 3, c * 3 + 3)).join(','));
        const key = rows.join(';');
        seen[b].set(key, (seen[b].get(key) ?? 0) + 1);
      });
    }
    blocks.forEach((spec, b) => {
      const exact = exactTables(spec);
      expect([...exact.values()].reduce((s, q) => s + q, 0)).toBeCloseTo(1, 10);
      // Every drawn table is a possible one (so the margins hold).
      for (const key of seen[b].keys()) expect(exact.has(key), key).toBe(true);
      // Tables expected fewer than 5 times are pooled into one bin.
      let chi2 = 0;
      let bins = 0;
      let pooledObserved = 0;
      let pooledExpected = 0;
      for (const [key, q] of exact) {
        const observed = seen[b].get(key) ?? 0;
        if (M * q < 5) {
          pooledObserved += observed;
          pooledExpected += M * q;
          continue;
        }
        chi2 += (observed - M * q) ** 2 / (M * q);
        bins++;
      }
      if (pooledExpected > 0) {
        chi2 += (pooledObserved - pooledExpected) ** 2 / pooledExpected;
        bins++;
      }
      expect(bins).toBeGreaterThan(10);
      // Upper 0.01 % point; six checks make a false failure about 1 in 1,700.
      expect(chi2, `block ${b}`).toBeLessThan(chiSquareCritical(bins - 1, 3.719));
    });
  });

  it('depends only on the stream it is given', () => {
    const sampler = new GroupedBlockSampler(cells);
    const a = new Int32Array(sampler.length);
    const b = new Int32Array(sampler.length);
    const rng = new RandomStream(0, 0);
    for (const r of [0, 1, 17]) {
      rng.reseed(5, r);
      sampler.draw(rng, a);
      sampler.draw(new RandomStream(5, r), b);
      expect(Array.from(b)).toEqual(Array.from(a));
    }
  });
});

describe('distinctRows', () => {
  it('numbers rows by first appearance, bit for bit, tag included', () => {
    const values = Float64Array.of(1, NaN, 2, 3, 1, NaN, 2, 3, 0, -0, 1, NaN);
    const words = new Uint32Array(values.buffer);
    const plain = distinctRows(words, 4, 4, 6);
    // Rows (1, NaN), (2, 3), (1, NaN), (2, 3), (0, −0), (1, NaN).
    expect(Array.from(plain.id)).toEqual([0, 1, 0, 1, 2, 0]);
    expect(Array.from(plain.first)).toEqual([0, 1, 4]);
    const tagged = distinctRows(words, 4, 4, 6, Int32Array.of(0, 0, 1, 0, 0, 1));
    expect(Array.from(tagged.id)).toEqual([0, 1, 2, 1, 3, 2]);
    expect(tagged.count).toBe(4);
  });

  it('keeps apart many rows whose hashes may collide', () => {
    const rows = 50_000;
    const words = new Uint32Array(rows * 2);
    for (let r = 0; r < rows; r++) {
      words[2 * r] = r % 7919;
      words[2 * r + 1] = Math.floor(r / 7919);
    }
    const result = distinctRows(words, 2, 2, rows);
    expect(result.count).toBe(rows);
    const again = distinctRows(new Uint32Array([...words, ...words]), 2, 2, 2 * rows);
    expect(again.count).toBe(rows);
    expect(Array.from(again.id.subarray(rows))).toEqual(Array.from(again.id.subarray(0, rows)));
  });
});
