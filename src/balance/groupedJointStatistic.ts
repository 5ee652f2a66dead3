/**
 * The joint balance statistic (jointStatistic.ts) from counts per group of
 * persons with the same covariate vector (the kept variables and which of
 * them are missing), for the randomization test's sampled permutations: T
 * reads a labelling only through each arm's sums of every variable and its
 * persons with a value, which the counts per vector give as exactly as the
 * labels do. Cells = (block, vector) are what a permutation draws
 * (ExchangeableBlockSampler, which adds up a vector's counts over blocks
 * with row = cells.group); T then costs O(vectors × arms × variables), not
 * O(persons × variables).
 */
import { distinctRows } from '../estimate/distinctRows.js';
import { blockCells, type BlockCells } from './groupedBlockSampler.js';
import type { JointStatistic } from './jointStatistic.js';

export class GroupedJointStatistic {
  /** The (block, vector) cells, for GroupedBlockSampler and the observed counts. */
  readonly cells: BlockCells;
  private readonly statistic: JointStatistic;
  private readonly vectors: number;
  /** value[j * vectors + g]: vector g's centred value of variable j (0 where missing), a column per variable. */
  private readonly value: Float64Array;
  /** One arm's counts per vector, as doubles. */
  private readonly armCounts: Float64Array;
  /** Missing values as (vector, variable) pairs. */
  private readonly missingVector: Int32Array;
  private readonly missingVariable: Int32Array;
  /** Persons per vector, and the all-arm sums of every variable: what no permutation changes. */
  private readonly vectorTotal: Float64Array;
  private readonly totalSums: Float64Array;
  private readonly totalPersons: number;
  /** observed[g * arms + a]: persons of vector g in arm a under the observed labels (the layout evaluate() reads). */
  readonly observed: Int32Array;
  private readonly armPersons: Float64Array;
  private readonly sums: Float64Array;
  private readonly counts: Float64Array;

  constructor(statistic: JointStatistic, arm: Uint8Array, block: Int32Array, blockCount: number) {
    const { K, A, persons, x, missingPerson, missingVariable } = statistic;
    this.statistic = statistic;
    // x holds 0 for a missing value, so which values are missing tags the row.
    const patternOf = new Map<string, number>();
    const missingOf = new Map<number, number[]>();
    for (let i = 0; i < missingPerson.length; i++) {
      const list = missingOf.get(missingPerson[i]) ?? [];
      list.push(missingVariable[i]);
      missingOf.set(missingPerson[i], list);
    }
    const pattern = new Int32Array(persons);
    for (const [p, list] of missingOf) {
      const name = list.sort((a, b) => a - b).join(',');
      let id = patternOf.get(name);
      if (id === undefined) patternOf.set(name, (id = patternOf.size + 1));
      pattern[p] = id;
    }
    const rows = distinctRows(new Uint32Array(x.buffer, x.byteOffset, persons * K * 2), 2 * K, 2 * K, persons, pattern);
    this.vectors = rows.count;
    this.value = new Float64Array(rows.count * K);
    const vectorMissing: number[] = [];
    const vectorMissingVariable: number[] = [];
    rows.first.forEach((p, g) => {
      for (let j = 0; j < K; j++) this.value[j * rows.count + g] = x[p * K + j];
      for (const j of missingOf.get(p) ?? []) {
        vectorMissing.push(g);
        vectorMissingVariable.push(j);
      }
    });
    this.missingVector = Int32Array.from(vectorMissing);
    this.missingVariable = Int32Array.from(vectorMissingVariable);
    this.cells = blockCells(arm, block, blockCount, rows.id, A);
    this.vectorTotal = new Float64Array(rows.count);
    for (let p = 0; p < persons; p++) this.vectorTotal[rows.id[p]]++;
    this.totalPersons = persons;
    this.totalSums = new Float64Array(K);
    for (let g = 0; g < rows.count; g++) for (let j = 0; j < K; j++) this.totalSums[j] += this.vectorTotal[g] * this.value[j * rows.count + g];
    this.observed = new Int32Array(rows.count * A);
    for (let p = 0; p < persons; p++) this.observed[rows.id[p] * A + arm[p]]++;
    this.armPersons = new Float64Array(A);
    this.sums = new Float64Array(A * K);
    this.counts = new Float64Array(A * K);
    this.armCounts = new Float64Array(rows.count);
  }

  /** Vectors × arms: the size of the counts evaluate() reads. */
  get length(): number {
    return this.vectors * this.statistic.A;
  }

  /**
   * T for counts[g * arms + a], the persons of vector g in arm a (over all
   * blocks; as ExchangeableBlockSampler draws them with row = cells.group,
   * or `observed`). Allocates nothing.
   */
  evaluate(counts: Int32Array): number {
    const { K, A } = this.statistic;
    const { vectors, value, armCounts, armPersons, sums, vectorTotal, totalSums } = this;
    // Every arm but the last is summed, a column at a time; the last gets what the others leave of the all-arm totals.
    const last = A - 1;
    for (let a = 0; a < last; a++) {
      let persons = 0;
      for (let g = 0; g < vectors; g++) persons += armCounts[g] = counts[g * A + a];
      armPersons[a] = persons;
      // Four columns at once: four independent sums keep the adds from waiting on each other.
      let j = 0;
      for (; j + 4 <= K; j += 4) {
        const c0 = j * vectors;
        const c1 = c0 + vectors;
        const c2 = c1 + vectors;
        const c3 = c2 + vectors;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let g = 0; g < vectors; g++) {
          const n = armCounts[g];
          s0 += n * value[c0 + g];
          s1 += n * value[c1 + g];
          s2 += n * value[c2 + g];
          s3 += n * value[c3 + g];
        }
        sums[a * K + j] = s0;
        sums[a * K + j + 1] = s1;
        sums[a * K + j + 2] = s2;
        sums[a * K + j + 3] = s3;
      }
      for (; j < K; j++) {
        const column = j * vectors;
        let sum = 0;
        for (let g = 0; g < vectors; g++) sum += armCounts[g] * value[column + g];
        sums[a * K + j] = sum;
      }
    }
    armPersons[last] = this.totalPersons;
    for (let j = 0; j < K; j++) sums[last * K + j] = totalSums[j];
    for (let a = 0; a < last; a++) {
      armPersons[last] -= armPersons[a];
      for (let j = 0; j < K; j++) sums[last * K + j] -= sums[a * K + j];
    }
    const withValue = this.counts;
    for (let a = 0; a < A; a++) withValue.fill(armPersons[a], a * K, (a + 1) * K);
    for (let i = 0; i < this.missingVector.length; i++) {
      const g = this.missingVector[i];
      const j = this.missingVariable[i];
      let rest = vectorTotal[g];
      for (let a = 0; a < last; a++) {
        withValue[a * K + j] -= counts[g * A + a];
        rest -= counts[g * A + a];
      }
      withValue[last * K + j] -= rest;
    }
    return this.statistic.fromSums(sums, withValue);
  }
}
