/**
 * ExchangeableBlockSampler: uniformly random within-block permutations as
 * counts per cell (blockCells), the distribution GroupedBlockSampler draws,
 * from labels given independently and then corrected (see the class), with
 * binomial variates read from tables built once.
 */
import { binomial } from '../random/binomial.js';
import { logFactorial, uniformBelow } from '../random/hypergeometric.js';
import type { RandomStream } from '../random/stream.js';
import type { BlockCells } from './groupedBlockSampler.js';

/**
 * Cells up to this size get their persons' arms one by one
 * (ExchangeableBlockSampler); larger ones their counts from binomial variates.
 */
const ONE_BY_ONE = 3;
/** Binomial variates up to this many persons come from tables; beyond, from binomial(). */
const TABLE_PERSONS = 512;
/**
 * Odds are in 4096ths at finest: a person's from 12 random bits. A block's
 * are rounded to a power of two about 4·√persons (at least 16ths), so that
 * rounding leaves under √persons/8 persons per arm to correct (chance
 * leaves about √persons/2), and blocks of similar shares share tables.
 */
const ODDS = 4096;
/** A block's places per entry of its guide to the counted cells (cellGuide). */
const GUIDE_STEP = 16;

/**
 * The same distribution as GroupedBlockSampler (uniformly random
 * within-block permutations, as counts per cell), drawn at a fraction of the
 * cost per cell. In each block:
 *
 * 1. Every person gets an arm independently, with odds π fixed per block
 *    (its arm shares, rounded; see ODDS): in cells of up to ONE_BY_ONE
 *    persons one by one, from half a uniform word each; in larger cells
 *    their counts, a binomial variate per arm but the last (Bin(n, π_0),
 *    then Bin(n − x_0, π_1 / (1 − π_0)), …) read off tables built once (π
 *    is the same in every permutation).
 * 2. Of each arm given more persons than the block has labels of it, that
 *    many are taken back, one at a time, each uniformly random among the
 *    arm's persons left: a uniformly random person of the block until one
 *    has the arm (about 1/π tries).
 * 3. The persons taken back are dealt the labels still missing, one by one,
 *    each a uniformly random one of those left.
 *
 * None of the steps tells persons apart other than by their labels, so the
 * labelling's distribution is unchanged by any reordering of the block's
 * persons (it is exchangeable); with its label counts fixed at the block's,
 * that makes it uniform over the block's labellings: a uniformly random
 * within-block permutation. Steps 2 and 3 move about half the square root
 * of the block's persons. The draw is exact as the hypergeometric variates
 * are: up to the rounding of the tables' probabilities (relative 1e-13).
 *
 * Each draw reads only the stream it is given, so a permutation r drawn on
 * stream (seed, r) is the same however the permutations are split.
 */
export class ExchangeableBlockSampler {
  private readonly arms: number;
  private readonly rows: number;
  private readonly armTotal: Int32Array;
  /**
   * Block b's cells of more than ONE_BY_ONE persons ("counted"), smallest
   * first (so that a run of cells reads the same rows of the tables):
   * largeStart[b] … largeStart[b + 1] − 1, with their persons, offsets
   * (row · arms) and first person's place in the block, places 0 … on. The
   * cell of place q is cellGuide[guideStart[b] + ⌊q / GUIDE_STEP⌋] or a
   * later one.
   */
  private readonly largeStart: Int32Array;
  private readonly largeSize: Int32Array;
  private readonly largeAt: Int32Array;
  private readonly largeFirst: Int32Array;
  private readonly guideStart: Int32Array;
  private readonly cellGuide: Int32Array;
  /** Block b's persons in smaller cells, at the places after the counted cells': personAt[personStart[b] …], their offsets. */
  private readonly personStart: Int32Array;
  private readonly personAt: Int32Array;
  /** Per block and arm but the last: the upper edge of the arm's odds (edge[b * arms + a], cumulative, in 4096ths). */
  private readonly edge: Int32Array;
  /**
   * Per block and arm but the last, the table of Bin(·, p) with p = π_a /
   * (1 − π_0 − … − π_{a−1}) (probability[b * arms + a]): its number, or
   * NEVER (p = 0) or ALWAYS (p = 1).
   */
  private readonly tableOf: Int32Array;
  private readonly probability: Float64Array;
  /**
   * The tables (binomialTables), each for n up to the largest cell of the
   * blocks using it (at most TABLE_PERSONS): table t's Bin(n, p) at
   * cdf[cdfAt[t] + n(n + 1)/2 …] and bucket[bucketAt[t] + n · BUCKETS …].
   */
  private readonly cdf: Float64Array;
  private readonly bucket: Int16Array;
  private readonly cdfAt: Int32Array;
  private readonly bucketAt: Int32Array;
  /** Scratch: the counted cells' counts (cell i of the block at i * arms), the smaller cells' persons' arms, the offsets of those taken back. */
  private readonly cellCounts: Int32Array;
  private readonly label: Uint8Array;
  private readonly taken: Int32Array;
  private readonly given: Int32Array;
  private readonly missing: Int32Array;

  constructor(cells: BlockCells, row: Int32Array = Int32Array.from(cells.size, (_, c) => c)) {
    const { arms, blockStart, size, armTotal } = cells;
    const blocks = blockStart.length - 1;
    if (row.length !== size.length) throw new RangeError('ExchangeableBlockSampler: need one row per cell');
    if (arms > 255) throw new RangeError('ExchangeableBlockSampler: at most 255 arms');
    this.arms = arms;
    this.armTotal = armTotal;
    let rows = 0;
    for (let c = 0; c < row.length; c++) rows = Math.max(rows, row[c] + 1);
    this.rows = rows;
    const large: number[] = [];
    const largeFirst: number[] = [];
    const cellGuide: number[] = [];
    const personAt: number[] = [];
    this.largeStart = new Int32Array(blocks + 1);
    this.guideStart = new Int32Array(blocks + 1);
    this.personStart = new Int32Array(blocks + 1);
    let mostCells = 0;
    let mostPersons = 0;
    for (let b = 0; b < blocks; b++) {
      const counted: number[] = [];
      for (let c = blockStart[b]; c < blockStart[b + 1]; c++) {
        if (size[c] > ONE_BY_ONE) counted.push(c);
        else for (let k = 0; k < size[c]; k++) personAt.push(row[c] * arms);
      }
      counted.sort((x, y) => size[x] - size[y] || x - y);
      let places = 0;
      for (const c of counted) {
        // Guide entries for the places GUIDE_STEP · g this cell holds.
        while (cellGuide.length - this.guideStart[b] < Math.ceil((places + size[c]) / GUIDE_STEP)) cellGuide.push(large.length - this.largeStart[b]);
        large.push(c);
        largeFirst.push(places);
        places += size[c];
      }
      this.largeStart[b + 1] = large.length;
      this.guideStart[b + 1] = cellGuide.length;
      this.personStart[b + 1] = personAt.length;
      mostCells = Math.max(mostCells, counted.length);
      mostPersons = Math.max(mostPersons, places + personAt.length - this.personStart[b]);
    }
    this.largeSize = Int32Array.from(large, (c) => size[c]);
    this.largeAt = Int32Array.from(large, (c) => row[c] * arms);
    this.largeFirst = Int32Array.from(largeFirst);
    this.cellGuide = Int32Array.from(cellGuide);
    this.personAt = Int32Array.from(personAt);

    // The odds π per block, as edges in 4096ths; a table of binomials per distinct conditional probability.
    this.edge = new Int32Array(blocks * arms);
    this.tableOf = new Int32Array(blocks * arms);
    this.probability = new Float64Array(blocks * arms);
    const tables = new Map<string, number>();
    const probabilities: number[] = [];
    const tableN: number[] = [];
    for (let b = 0; b < blocks; b++) {
      let persons = 0;
      let largestCell = 0;
      for (let a = 0; a < arms; a++) persons += armTotal[b * arms + a];
      for (let c = blockStart[b]; c < blockStart[b + 1]; c++) largestCell = Math.max(largestCell, size[c]);
      let unit = 16;
      while (unit < ODDS && unit * unit < 16 * persons) unit *= 2;
      let labels = 0;
      let below = 0;
      for (let a = 0; a + 1 < arms; a++) {
        labels += armTotal[b * arms + a];
        const edge = persons === 0 ? 0 : Math.round((unit * labels) / persons) * (ODDS / unit);
        // p = share / rest exactly, in lowest terms: the table's key.
        const divisor = gcd(edge - below, ODDS - below) || 1;
        const share = (edge - below) / divisor;
        const rest = (ODDS - below) / divisor;
        let table = NEVER;
        if (share > 0 && share === rest) table = ALWAYS;
        else if (share > 0) {
          const key = `${share}/${rest}`;
          let index = tables.get(key);
          if (index === undefined) {
            index = probabilities.length;
            tables.set(key, index);
            probabilities.push(share / rest);
            tableN.push(0);
          }
          tableN[index] = Math.max(tableN[index], Math.min(largestCell, TABLE_PERSONS));
          table = index;
          this.probability[b * arms + a] = share / rest;
        }
        this.edge[b * arms + a] = edge;
        this.tableOf[b * arms + a] = table;
        below = edge;
      }
    }
    this.cdfAt = new Int32Array(probabilities.length + 1);
    this.bucketAt = new Int32Array(probabilities.length + 1);
    tableN.forEach((n, t) => {
      this.cdfAt[t + 1] = this.cdfAt[t] + ((n + 1) * (n + 2)) / 2;
      this.bucketAt[t + 1] = this.bucketAt[t] + (n + 1) * BUCKETS;
    });
    this.cdf = new Float64Array(this.cdfAt[probabilities.length]);
    this.bucket = new Int16Array(this.bucketAt[probabilities.length]);
    probabilities.forEach((p, t) => binomialTables(p, tableN[t], this.cdf, this.cdfAt[t], this.bucket, this.bucketAt[t]));

    this.cellCounts = new Int32Array(mostCells * arms);
    this.label = new Uint8Array(mostPersons);
    this.taken = new Int32Array(mostPersons);
    this.given = new Int32Array(arms);
    this.missing = new Int32Array(arms);
  }

  /** Rows × arms: the size of `counts` for draw(). */
  get length(): number {
    return this.rows * this.arms;
  }

  /**
   * One uniformly random within-block permutation as counts[row * arms + a]
   * (cells' counts added up by row), drawn from `rng` as it stands (the
   * caller positions it). Allocates nothing.
   */
  draw(rng: RandomStream, counts: Int32Array): void {
    counts.fill(0);
    for (let b = 0; b + 1 < this.largeStart.length; b++) {
      this.given.fill(0);
      this.count(rng, b, counts);
      this.labelSmall(rng, b, counts);
      this.correct(rng, b, counts);
    }
  }

  /** Step 1 for the counted cells: their counts by binomial variates. */
  private count(rng: RandomStream, block: number, counts: Int32Array): void {
    const { arms, largeStart, largeSize, largeAt, cellCounts, tableOf, given, bucket, bucketAt } = this;
    const first = largeStart[block];
    const table0 = tableOf[block * arms];
    const table1 = arms === 3 ? tableOf[block * 3 + 1] : NEVER;
    if (arms === 3 && table0 >= 0 && table1 >= 0) {
      // Unrolled: the common case, the variates' bucket looked up here and searched for only where the CDF steps inside it.
      const at0 = bucketAt[table0];
      const at1 = bucketAt[table1];
      let given0 = 0;
      let given1 = 0;
      for (let i = first; i < largeStart[block + 1]; i++) {
        const persons = largeSize[i];
        let x0 = 0;
        let x1 = 0;
        if (persons <= TABLE_PERSONS) {
          let word = rng.nextUint32();
          x0 = bucket[at0 + persons * BUCKETS + (word >>> 22)];
          if (x0 < 0) x0 = this.search(rng, table0, persons, word, ~x0);
          const rest = persons - x0;
          word = rng.nextUint32();
          x1 = bucket[at1 + rest * BUCKETS + (word >>> 22)];
          if (x1 < 0) x1 = this.search(rng, table1, rest, word, ~x1);
        } else {
          x0 = this.binomial(rng, block, 0, persons);
          x1 = this.binomial(rng, block, 1, persons - x0);
        }
        const local = (i - first) * 3;
        cellCounts[local] = x0;
        cellCounts[local + 1] = x1;
        cellCounts[local + 2] = persons - x0 - x1;
        const at = largeAt[i];
        counts[at] += x0;
        counts[at + 1] += x1;
        counts[at + 2] += persons - x0 - x1;
        given0 += x0;
        given1 += x1;
      }
      given[0] = given0;
      given[1] = given1;
      return;
    }
    for (let i = first; i < largeStart[block + 1]; i++) {
      const at = largeAt[i];
      const local = (i - first) * arms;
      let rest = largeSize[i];
      for (let a = 0; a + 1 < arms; a++) {
        const x = this.binomial(rng, block, a, rest);
        cellCounts[local + a] = x;
        counts[at + a] += x;
        given[a] += x;
        rest -= x;
      }
      cellCounts[local + arms - 1] = rest;
      counts[at + arms - 1] += rest;
    }
  }

  /**
   * Bin(n, p) for the block's and arm's p: from the tables, or from
   * binomial() beyond them. A word's top 10 bits name U's bucket, which
   * gives the variate itself unless the CDF steps inside it (search).
   */
  private binomial(rng: RandomStream, block: number, arm: number, n: number): number {
    const table = this.tableOf[block * this.arms + arm];
    if (n === 0 || table === NEVER) return 0;
    if (table === ALWAYS) return n;
    if (n > TABLE_PERSONS) return binomial(rng, n, this.probability[block * this.arms + arm]);
    const word = rng.nextUint32();
    const known = this.bucket[this.bucketAt[table] + n * BUCKETS + (word >>> 22)];
    return known >= 0 ? known : this.search(rng, table, n, word, ~known);
  }

  /**
   * Bin(n, p) from table `table` where the CDF steps inside U's bucket: the
   * first k ≥ `from` (the bucket's first) with cdf(k) > U. U is the word's
   * 32 bits, and 53 more only where cdf(k) lies within its last bit's reach
   * (as the hypergeometric inversions do).
   */
  private search(rng: RandomStream, table: number, n: number, word: number, from: number): number {
    const { cdf } = this;
    const at = this.cdfAt[table] + ((n * (n + 1)) >> 1);
    let u = word * 2.3283064365386963e-10;
    let k = from;
    let c = cdf[at + k];
    while (c <= u) c = cdf[at + ++k];
    if (c < u + 2.3283064365386963e-10) {
      u += rng.nextFloat() * 2.3283064365386963e-10;
      // (u may round up to 1 = cdf(n): k stops at n.)
      while (c <= u && k < n) c = cdf[at + ++k];
    }
    return k;
  }

  /**
   * Step 1 for the smaller cells' persons: 16 bits of a uniform word each,
   * whose top 12 name its arm (the one whose odds they fall in, found
   * without a branch: one on it would be mispredicted about every other
   * person).
   */
  private labelSmall(rng: RandomStream, block: number, counts: Int32Array): void {
    const { arms, personStart, personAt, label, edge, given } = this;
    const from = personStart[block];
    const persons = personStart[block + 1] - from;
    // The word as int32 (| 0), so that its halves are taken with integer operations.
    let word = 0;
    if (arms === 2 || arms === 3) {
      // Two arms are three with no odds for the third. past0/past1: 1 if the draw lies past arm 0's / arm 1's odds.
      const edge0 = edge[block * arms];
      const edge1 = arms === 3 ? edge[block * arms + 1] : ODDS;
      let past0s = 0;
      let past1s = 0;
      for (let k = 0; k < persons; k++) {
        if ((k & 1) === 0) word = rng.nextUint32() | 0;
        const odds = (word >>> 4) & 4095;
        word >>= 16;
        const past0 = (edge0 - 1 - odds) >>> 31;
        const past1 = (edge1 - 1 - odds) >>> 31;
        label[k] = past0 + past1;
        counts[personAt[from + k] + past0 + past1]++;
        past0s += past0;
        past1s += past1;
      }
      given[0] += persons - past0s;
      given[1] += past0s - past1s;
      return;
    }
    for (let k = 0; k < persons; k++) {
      if ((k & 1) === 0) word = rng.nextUint32() | 0;
      const odds = (word >>> 4) & 4095;
      word >>= 16;
      let a = 0;
      for (let j = 0; j + 1 < arms; j++) a += (edge[block * arms + j] - 1 - odds) >>> 31;
      label[k] = a;
      counts[personAt[from + k] + a]++;
      given[a]++;
    }
  }

  /**
   * Steps 2 and 3. Persons of a counted cell are alike, so while an arm's
   * excess is taken back, its persons left in the cell can be taken to be
   * the cell's first places: a uniformly random place of the block is then
   * a uniformly random person, and says whether that person has the arm.
   */
  private correct(rng: RandomStream, block: number, counts: Int32Array): void {
    const { arms, armTotal, largeStart, largeSize, largeAt, largeFirst, guideStart, cellGuide, personStart, personAt, cellCounts, label, taken, given, missing } = this;
    const first = largeStart[block];
    const cells = largeStart[block + 1] - first;
    const places = cells === 0 ? 0 : largeFirst[first + cells - 1] + largeSize[first + cells - 1];
    const persons = places + personStart[block + 1] - personStart[block];
    // The last arm's persons: those the others leave.
    let others = 0;
    for (let a = 0; a + 1 < arms; a++) others += given[a];
    given[arms - 1] = persons - others;
    let back = 0;
    for (let a = 0; a < arms; a++) {
      const excess = given[a] - armTotal[block * arms + a];
      missing[a] = Math.max(0, -excess);
      for (let k = 0; k < excess; k++) {
        for (;;) {
          const place = uniformBelow(rng, persons);
          if (place >= places) {
            const person = place - places;
            if (label[person] !== a) continue;
            label[person] = 255;
            counts[personAt[personStart[block] + person] + a]--;
            taken[back++] = personAt[personStart[block] + person];
            break;
          }
          let cell = cellGuide[guideStart[block] + Math.floor(place / GUIDE_STEP)];
          while (place >= largeFirst[first + cell] + largeSize[first + cell]) cell++;
          // The cell's arm-a persons left are taken to be at its first places.
          if (place - largeFirst[first + cell] >= cellCounts[cell * arms + a]) continue;
          cellCounts[cell * arms + a]--;
          counts[largeAt[first + cell] + a]--;
          taken[back++] = largeAt[first + cell];
          break;
        }
      }
    }
    for (let k = 0; k < back; k++) {
      let slot = uniformBelow(rng, back - k);
      let a = 0;
      while (slot >= missing[a]) slot -= missing[a++];
      missing[a]--;
      counts[taken[k] + a]++;
    }
  }
}

/** tableOf's marks for p = 0 and p = 1. */
const NEVER = -1;
const ALWAYS = -2;

/** U's buckets per binomial table (the top 10 bits of a word). */
export const BUCKETS = 1024;

/**
 * Tables of Bin(n, p) for n = 0 … maxN: the CDF, cdf(k) = P(X ≤ k) from
 * pmfs by log-factorials, normalized and the last set to 1 (n's from
 * cdfAt + n(n + 1)/2 on); and per bucket j of U, [j, j + 1) / BUCKETS, the
 * variate if the CDF takes no step inside it (the first k with cdf(k) ≥
 * (j + 1) / BUCKETS and cdf(k − 1) ≤ j / BUCKETS), else ~k for the first k
 * with cdf(k) > j / BUCKETS (n's from bucketAt + n · BUCKETS on).
 */
export function binomialTables(p: number, maxN: number, cdf: Float64Array, cdfAt: number, bucket: Int16Array, bucketAt: number): void {
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  for (let n = 0; n <= maxN; n++) {
    const from = cdfAt + (n * (n + 1)) / 2;
    let sum = 0;
    for (let k = 0; k <= n; k++) {
      sum += Math.exp(logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * logP + (n - k) * logQ);
      cdf[from + k] = sum;
    }
    for (let k = 0; k < n; k++) cdf[from + k] /= sum;
    cdf[from + n] = 1;
    let k = 0;
    for (let j = 0; j < BUCKETS; j++) {
      while (cdf[from + k] <= j / BUCKETS) k++;
      bucket[bucketAt + n * BUCKETS + j] = cdf[from + k] >= (j + 1) / BUCKETS ? k : ~k;
    }
  }
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
