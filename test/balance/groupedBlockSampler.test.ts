import { describe, expect, it } from 'vitest';
import { binomialTables, BUCKETS, ExchangeableBlockSampler } from '../../src/balance/exchangeableBlockSampler.js';
import { blockCells, GroupedBlockSampler, type BlockCells } from '../../src/balance/groupedBlockSampler.js';
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

/** log C(n, k). */
const logChoose = (n: number, k: number): number => logFactorial(n) - logFactorial(k) - logFactorial(n - k);

/**
 * Chi-square of observed against expected frequencies (of M draws), those
 * expected fewer than `least` times pooled into one bin: [statistic, bins].
 */
function chiSquare(seen: Map<string, number>, exact: Map<string, number>, M: number, least = 5): [number, number] {
  let chi2 = 0;
  let bins = 0;
  let pooledObserved = 0;
  let pooledExpected = 0;
  for (const [key, q] of exact) {
    const observed = seen.get(key) ?? 0;
    if (M * q < least) {
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
  return [chi2, bins];
}

/**
 * Draws M permutations and checks each block's table of counts (cells ×
 * arms) against its exact multivariate hypergeometric probability: every
 * drawn table possible, chi-square below its upper 0.01 % point.
 */
function expectExactTables(blocks: BlockSpec[], cells: BlockCells, draw: (counts: Int32Array) => void, length: number, M: number): void {
  const A = cells.arms;
  const counts = new Int32Array(length);
  const seen = blocks.map(() => new Map<string, number>());
  for (let r = 0; r < M; r++) {
    draw(counts);
    blocks.forEach((_, b) => {
      const rows: string[] = [];
      for (let c = cells.blockStart[b]; c < cells.blockStart[b + 1]; c++) rows.push(Array.from(counts.subarray(c * A, c * A + A)).join(','));
      const key = rows.join(';');
      seen[b].set(key, (seen[b].get(key) ?? 0) + 1);
    });
  }
  blocks.forEach((spec, b) => {
    const exact = exactTables(spec);
    expect([...exact.values()].reduce((s, q) => s + q, 0)).toBeCloseTo(1, 10);
    // Every drawn table is a possible one (so the margins hold).
    for (const key of seen[b].keys()) expect(exact.has(key), key).toBe(true);
    const [chi2, bins] = chiSquare(seen[b], exact, M);
    // Enough bins for the test to have power (all of a small block's few tables).
    expect(bins).toBeGreaterThan(Math.min(10, exact.size - 1));
    // Upper 0.01 % point: the checks below make a false failure about 1 in 600.
    expect(chi2, `block ${b}`).toBeLessThan(chiSquareCritical(bins - 1, 3.719));
  });
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
    const rng = new RandomStream(31, smallCell);
    expectExactTables(blocks, cells, (counts) => sampler.draw(rng, counts), sampler.length, 40_000);
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

describe('ExchangeableBlockSampler', () => {
  /** Cells for `blocks` (arms from their totals), and the sampler drawing their counts on one stream. */
  function samplerFor(blocks: BlockSpec[], seed: number) {
    const { arm, block, group } = personsOf(blocks);
    const cells = blockCells(arm, block, blocks.length, group, blocks[0].armTotals.length);
    const sampler = new ExchangeableBlockSampler(cells);
    const rng = new RandomStream(seed, 0);
    return { cells, sampler, draw: (counts: Int32Array) => sampler.draw(rng, counts) };
  }

  // Cells below and above the byte cells' size (3), even and uneven arms, an arm with a
  // seventeenth of a block, an arm without persons in a block.
  it.each([
    ['three arms', [
      { sizes: [2, 3, 1, 2, 4], armTotals: [5, 4, 3] },
      { sizes: [1, 5, 2], armTotals: [2, 3, 3] },
      { sizes: [6, 1, 3, 4, 1, 2], armTotals: [11, 5, 1] },
    ]],
    ['two arms', [
      { sizes: [5, 1, 1, 2, 4, 3], armTotals: [10, 6] },
      { sizes: [3, 3, 1], armTotals: [1, 6] },
    ]],
    // Few persons against their odds: most draws need correcting, much of it.
    ['three arms, few persons', [
      { sizes: [4, 1, 1], armTotals: [2, 2, 2] },
      { sizes: [5, 2, 1], armTotals: [1, 6, 1] },
      { sizes: [4, 4], armTotals: [3, 2, 3] },
    ]],
    ['four arms', [
      { sizes: [4, 2, 1, 5], armTotals: [3, 3, 3, 3] },
      { sizes: [2, 2, 6], armTotals: [5, 0, 4, 1] },
    ]],
  ] as [string, BlockSpec[]][])('draws each block’s count table with its exact multivariate hypergeometric probability (%s; chi-square)', (name, blocks) => {
    const { cells, sampler, draw } = samplerFor(blocks, 41);
    // More draws where the corrections do most: a bias in which persons they take back shows there.
    expectExactTables(blocks, cells, draw, sampler.length, name.includes('few') ? 200_000 : 40_000);
  });

  it('draws a cell beyond the binomial tables (and the cells beside it) with its exact multivariate hypergeometric margin (chi-square)', () => {
    // 600 persons: its counts come from binomial() rather than the tables; 40: from the tables; 1–3: from bytes.
    const blocks: BlockSpec[] = [{ sizes: [600, 40, 3, 1, 2, 1, 1], armTotals: [300, 200, 148] }];
    const { cells, sampler, draw } = samplerFor(blocks, 43);
    const M = 40_000;
    const counts = new Int32Array(sampler.length);
    const sizes = blocks[0].sizes;
    const seen = sizes.map(() => new Map<string, number>());
    for (let r = 0; r < M; r++) {
      draw(counts);
      sizes.forEach((_, c) => {
        const key = Array.from(counts.subarray(c * 3, c * 3 + 3)).join(',');
        seen[c].set(key, (seen[c].get(key) ?? 0) + 1);
      });
    }
    const [m0, m1, m2] = blocks[0].armTotals;
    const persons = m0 + m1 + m2;
    sizes.forEach((n, c) => {
      // A cell's counts alone: Π_a C(m_a, x_a) / C(persons, n).
      const exact = new Map<string, number>();
      for (let x0 = 0; x0 <= Math.min(n, m0); x0++) {
        for (let x1 = 0; x1 <= Math.min(n - x0, m1); x1++) {
          const x2 = n - x0 - x1;
          if (x2 > m2) continue;
          exact.set(`${x0},${x1},${x2}`, Math.exp(logChoose(m0, x0) + logChoose(m1, x1) + logChoose(m2, x2) - logChoose(persons, n)));
        }
      }
      for (const key of seen[c].keys()) expect(exact.has(key), key).toBe(true);
      // Hundreds of outcomes, most rare: bins of at least 20 expected keep the statistic's tail near chi-square's.
      const [chi2, bins] = chiSquare(seen[c], exact, M, 20);
      expect(bins).toBeGreaterThan(Math.min(10, exact.size - 1));
      expect(chi2, `cell of ${n}`).toBeLessThan(chiSquareCritical(Math.max(1, bins - 1), 3.719));
    });
  });

  it('reads binomials off tables of their CDF, whose buckets name a variate only where the CDF takes no step', () => {
    const maxN = 40;
    for (const p of [85 / 256, 86 / 171, 1 / 256, 255 / 256]) {
      const cdf = new Float64Array(((maxN + 1) * (maxN + 2)) / 2);
      const bucket = new Int16Array((maxN + 1) * BUCKETS);
      binomialTables(p, maxN, cdf, 0, bucket, 0);
      for (let n = 0; n <= maxN; n++) {
        const at = (n * (n + 1)) / 2;
        // Against the pmf as a product, C(n, k) p^k (1 − p)^(n − k).
        let sum = 0;
        let worst = 0;
        for (let k = 0; k <= n; k++) {
          let choose = 1;
          for (let i = 0; i < k; i++) choose = (choose * (n - i)) / (i + 1);
          sum += choose * p ** k * (1 - p) ** (n - k);
          worst = Math.max(worst, Math.abs(cdf[at + k] - Math.min(1, sum)));
        }
        expect(worst, `p ${p} n ${n}`).toBeLessThan(1e-12);
        expect(cdf[at + n]).toBe(1);
        const wrong: number[] = [];
        for (let j = 0; j < BUCKETS; j++) {
          const entry = bucket[n * BUCKETS + j];
          const k = entry >= 0 ? entry : ~entry;
          // k is the first with cdf(k) > j / BUCKETS, and named outright only if the CDF does not step again inside the bucket.
          const first = cdf[at + k] > j / BUCKETS && (k === 0 || cdf[at + k - 1] <= j / BUCKETS);
          const named = cdf[at + k] >= (j + 1) / BUCKETS;
          if (!first || named !== entry >= 0) wrong.push(j);
        }
        expect(wrong, `p ${p} n ${n}`).toEqual([]);
      }
    }
  });

  it('adds the counts of cells with the same row, and depends only on the stream it is given', () => {
    const blocks: BlockSpec[] = [
      { sizes: [2, 30, 1, 7], armTotals: [14, 13, 13] },
      { sizes: [4, 1, 9], armTotals: [5, 5, 4] },
    ];
    const { arm, block, group } = personsOf(blocks);
    const cells = blockCells(arm, block, 2, group, 3);
    const byCell = new ExchangeableBlockSampler(cells);
    const byGroup = new ExchangeableBlockSampler(cells, cells.group);
    expect(byGroup.length).toBe(4 * 3);
    const a = new Int32Array(byCell.length);
    const b = new Int32Array(byGroup.length);
    const again = new Int32Array(byCell.length);
    const rng = new RandomStream(0, 0);
    for (const r of [0, 1, 17]) {
      rng.reseed(5, r);
      byCell.draw(rng, a);
      byCell.draw(new RandomStream(5, r), again);
      expect(Array.from(again)).toEqual(Array.from(a));
      byGroup.draw(new RandomStream(5, r), b);
      const summed = new Int32Array(byGroup.length);
      for (let c = 0; c < cells.group.length; c++) for (let x = 0; x < 3; x++) summed[cells.group[c] * 3 + x] += a[c * 3 + x];
      expect(Array.from(b)).toEqual(Array.from(summed));
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
