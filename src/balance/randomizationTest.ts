/**
 * Randomization inference for the joint balance statistic (methods.md,
 * Balance): arm labels are permuted within blocks, all arms at once, which
 * is the randomization the trial used; p = (1 + #{T* ≥ T}) / (1 + R).
 *
 * T reads a labelling only through each arm's sums (jointStatistic.ts), so
 * a permutation is drawn as what it does to them: how many persons of each
 * group with the same covariate vector in a block get each arm, whose
 * distribution under a uniformly random within-block assignment is
 * multivariate hypergeometric and is drawn exactly by
 * ExchangeableBlockSampler (added up over blocks per vector). A
 * permutation then costs O(groups), not O(persons); T* and the T it is
 * compared with are both computed from counts per vector, so a permutation
 * that only swaps alike persons gives T* = T to the last bit.
 *
 * Permutation r uses RandomStream(seed, r) alone, so any r can be
 * recomputed by itself.
 *
 * When the distinct within-block assignments number at most R, every one is
 * enumerated instead and p = #{T* ≥ T} / (number of assignments), exact. A
 * tiny trial then gets its exact p, not a noisy estimate of it.
 *
 * "T* ≥ T" allows a relative rounding of 1e-10: an assignment that puts the
 * same values in each arm in another order must count as ≥ T.
 *
 * BlockSampler draws the labels themselves, person by person: randomization
 * inference for effects whose statistic needs them (randomizationInference.ts).
 */
import { RandomStream, rejectionThreshold } from '../random/stream.js';
import { ExchangeableBlockSampler } from './exchangeableBlockSampler.js';
import { GroupedJointStatistic } from './groupedJointStatistic.js';
import { JointStatistic, type JointStatisticDesign } from './jointStatistic.js';

export interface RandomizationDesign extends JointStatisticDesign {
  /** Arm index per person (the observed assignment). */
  arm: Uint8Array;
  /** Block index per person (0 for all when there are no blocks). */
  block: Int32Array;
  blockCount: number;
}

export interface RandomizationResult {
  statistic: number;
  p: number;
  /** R, or the number of distinct assignments when exact. */
  permutations: number;
  exact: boolean;
  terms: number;
}

const RELATIVE_TOLERANCE = 1e-10;

export function balanceRandomizationTest(design: RandomizationDesign, seed: number, permutations: number): RandomizationResult {
  const statistic = new JointStatistic(design);
  const observed = statistic.evaluate(design.arm);
  const bound = observed - RELATIVE_TOLERANCE * Math.max(1, Math.abs(observed));
  const blocks = personsByBlock(design.block, design.blockCount);
  const assignments = distinctAssignments(design.arm, blocks, design.arms, permutations);
  if (assignments <= permutations) {
    const atLeast = enumerateAssignments(design.arm, blocks, (labels) => statistic.evaluate(labels) >= bound);
    return { statistic: observed, p: atLeast / assignments, permutations: assignments, exact: true, terms: statistic.terms };
  }

  const grouped = new GroupedJointStatistic(statistic, design.arm, design.block, design.blockCount);
  const groupedObserved = grouped.evaluate(grouped.observed);
  const groupedBound = groupedObserved - RELATIVE_TOLERANCE * Math.max(1, Math.abs(groupedObserved));
  const sampler = new ExchangeableBlockSampler(grouped.cells, grouped.cells.group);
  const counts = new Int32Array(sampler.length);
  const rng = new RandomStream(seed, 0);
  let atLeast = 0;
  for (let r = 0; r < permutations; r++) {
    rng.reseed(seed, r);
    sampler.draw(rng, counts);
    if (grouped.evaluate(counts) >= groupedBound) atLeast++;
  }
  return { statistic: observed, p: (1 + atLeast) / (1 + permutations), permutations, exact: false, terms: statistic.terms };
}

export interface BlockPersons {
  /** CSR: block b holds persons[offsets[b] … offsets[b + 1]), ascending. */
  offsets: Int32Array;
  persons: Int32Array;
}

export function personsByBlock(block: Int32Array, blockCount: number): BlockPersons {
  const offsets = new Int32Array(blockCount + 1);
  for (let p = 0; p < block.length; p++) offsets[block[p] + 1]++;
  for (let b = 0; b < blockCount; b++) offsets[b + 1] += offsets[b];
  const cursor = offsets.slice(0, blockCount);
  const persons = new Int32Array(block.length);
  for (let p = 0; p < block.length; p++) persons[cursor[block[p]]++] = p;
  return { offsets, persons };
}

/**
 * Draws permutation r's within-block assignment into a label array.
 * Allocates nothing per permutation.
 *
 * In each block (in block order, persons in ascending order) it draws which
 * persons get the labels of the arms other than the block's largest arm
 * (its "filler"): a partial Fisher–Yates shuffle of the block's persons
 * picks that many, in order, and gives them those labels (arms in ascending
 * order, as many of each as the block has); everybody else gets the filler
 * arm. That is a uniformly random within-block assignment with the block's
 * arm counts, found with about a third fewer draws than shuffling every
 * label (three equal arms).
 */
export class BlockSampler {
  private readonly blocks: BlockPersons;
  private readonly order: Int32Array;
  private readonly thresholds: Float64Array;
  /** Every person labelled with their block's filler arm: the start of each draw. */
  private readonly fillerLabels: Uint8Array;
  /** Per block, the labels its picked persons get, in order (block b's from giveOffsets[b]). */
  private readonly give: Uint8Array;
  private readonly giveOffsets: Int32Array;

  constructor(arm: Uint8Array, block: Int32Array, blocks: BlockPersons, arms: number) {
    this.blocks = blocks;
    const blockCount = blocks.offsets.length - 1;
    const filler = new Uint8Array(blockCount);
    const giveOffsets = new Int32Array(blockCount + 1);
    const give: number[] = [];
    const counts = new Int32Array(arms);
    for (let b = 0; b < blockCount; b++) {
      counts.fill(0);
      for (let i = blocks.offsets[b]; i < blocks.offsets[b + 1]; i++) counts[arm[blocks.persons[i]]]++;
      let largest = 0;
      for (let a = 1; a < arms; a++) if (counts[a] > counts[largest]) largest = a;
      filler[b] = largest;
      for (let a = 0; a < arms; a++) if (a !== largest) for (let k = 0; k < counts[a]; k++) give.push(a);
      giveOffsets[b + 1] = give.length;
    }
    this.give = Uint8Array.from(give);
    this.giveOffsets = giveOffsets;
    this.fillerLabels = Uint8Array.from(block, (b) => filler[b]);
    this.order = new Int32Array(blocks.persons.length);
    this.thresholds = drawThresholds(blocks);
  }

  /** Writes permutation r (stream family `seed`) into `labels`; `rng` is repositioned. */
  draw(rng: RandomStream, seed: number, r: number, labels: Uint8Array): void {
    rng.reseed(seed, r);
    const { offsets, persons } = this.blocks;
    const { order, thresholds, give, giveOffsets } = this;
    labels.set(this.fillerLabels);
    order.set(persons);
    for (let b = 0; b + 1 < offsets.length; b++) {
      const first = offsets[b];
      const size = offsets[b + 1] - first;
      const picks = giveOffsets[b + 1] - giveOffsets[b];
      // Partial Fisher–Yates from the end: positions size − 1, size − 2, … each get a uniformly random remaining person.
      for (let k = 0; k < picks; k++) {
        const i = size - 1 - k;
        const j = rng.nextIntBelow(i + 1, thresholds[i + 1]);
        const chosen = order[first + j];
        order[first + j] = order[first + i];
        order[first + i] = chosen;
        labels[chosen] = give[giveOffsets[b] + k];
      }
    }
  }
}

/**
 * Lemire thresholds for every draw size up to the largest block, so the
 * shuffle draws as rng.nextInt would without recomputing them per draw.
 */
export function drawThresholds({ offsets }: BlockPersons): Float64Array {
  let largest = 0;
  for (let b = 0; b + 1 < offsets.length; b++) largest = Math.max(largest, offsets[b + 1] - offsets[b]);
  return Float64Array.from({ length: largest + 1 }, (_, n) => (n > 0 ? rejectionThreshold(n) : 0));
}

/**
 * Distinct within-block assignments: the product over blocks of the
 * multinomial n_b! / Π_a c_ba!. Counting stops above `cap` (returns Infinity).
 */
export function distinctAssignments(arm: Uint8Array, { offsets, persons }: BlockPersons, arms: number, cap: number): number {
  let total = 1;
  const counts = new Float64Array(arms);
  for (let b = 0; b + 1 < offsets.length; b++) {
    counts.fill(0);
    for (let i = offsets[b]; i < offsets[b + 1]; i++) counts[arm[persons[i]]]++;
    // n! / Π c! as a product of binomials C(c_1 + … + c_a, c_a), each exact in doubles while small.
    let placed = 0;
    for (let a = 0; a < arms; a++) {
      for (let k = 1; k <= counts[a]; k++) {
        placed++;
        total = (total * placed) / k;
        if (total > cap) return Infinity;
      }
    }
    total = Math.round(total);
  }
  return total;
}

/** Calls `visit` on every distinct within-block assignment once; returns how often it returned true. */
export function enumerateAssignments(arm: Uint8Array, blocks: BlockPersons, visit: (labels: Uint8Array) => boolean): number {
  const { offsets, persons } = blocks;
  const blockCount = offsets.length - 1;
  // Each block's labels as a multiset, started at its smallest arrangement.
  const current = Array.from({ length: blockCount }, (_, b) => Uint8Array.from(persons.subarray(offsets[b], offsets[b + 1]), (p) => arm[p]).sort());
  const labels = new Uint8Array(arm.length);
  const write = (b: number) => current[b].forEach((label, i) => (labels[persons[offsets[b] + i]] = label));
  for (let b = 0; b < blockCount; b++) write(b);
  let hits = 0;
  for (;;) {
    if (visit(labels)) hits++;
    // Odometer: advance the first block that has a next arrangement, resetting those before it.
    let b = 0;
    while (b < blockCount && !nextPermutation(current[b])) write(b++);
    if (b === blockCount) return hits;
    write(b);
  }
}

/**
 * The next arrangement of a multiset in lexicographic order, in place; at the
 * last one it wraps to the first and returns false. Duplicates are visited once.
 */
export function nextPermutation(a: Uint8Array): boolean {
  let i = a.length - 2;
  while (i >= 0 && a[i] >= a[i + 1]) i--;
  if (i < 0) {
    a.reverse();
    return false;
  }
  let j = a.length - 1;
  while (a[j] <= a[i]) j--;
  const swap = a[i];
  a[i] = a[j];
  a[j] = swap;
  a.subarray(i + 1).reverse();
  return true;
}
