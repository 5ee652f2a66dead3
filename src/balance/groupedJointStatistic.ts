/**
 * The joint balance statistic (jointStatistic.ts) from counts per group of
 * persons with the same covariate vector (the kept variables and which of
 * them are missing), for the randomization test's sampled permutations: T
 * reads a labelling only through each arm's sums of every variable and its
 * persons with a value, which the counts per group give as exactly as the
 * labels do. With cells = (block, vector), a permutation costs
 * O(cells × arms + vectors × arms × variables), not O(persons × variables).
 */
import { distinctRows } from '../estimate/distinctRows.js';
import { blockCells, type BlockCells } from './groupedBlockSampler.js';
import type { JointStatistic } from './jointStatistic.js';

export class GroupedJointStatistic {
  /** The (block, vector) cells, for GroupedBlockSampler and the observed counts. */
  readonly cells: BlockCells;
  private readonly statistic: JointStatistic;
  private readonly vectors: number;
  /** value[g * K + j]: vector g's centred value of variable j (0 where missing). */
  private readonly value: Float64Array;
  /** Missing values as (vector, variable) pairs. */
  private readonly missingVector: Int32Array;
  private readonly missingVariable: Int32Array;
  /** Persons per vector, and the all-arm sums of every variable: what no permutation changes. */
  private readonly vectorTotal: Float64Array;
  private readonly totalSums: Float64Array;
  private readonly totalPersons: number;
  private readonly vectorArm: Float64Array;
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
      this.value.set(x.subarray(p * K, (p + 1) * K), g * K);
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
    for (let g = 0; g < rows.count; g++) for (let j = 0; j < K; j++) this.totalSums[j] += this.vectorTotal[g] * this.value[g * K + j];
    this.vectorArm = new Float64Array(rows.count * A);
    this.armPersons = new Float64Array(A);
    this.sums = new Float64Array(A * K);
    this.counts = new Float64Array(A * K);
  }

  /** T for counts[c * arms + a] of every cell (as GroupedBlockSampler draws them, or cells.observed). Allocates nothing. */
  evaluate(counts: Int32Array): number {
    const { K, A } = this.statistic;
    const { vectors, value, vectorArm, armPersons, sums, vectorTotal, totalSums } = this;
    const group = this.cells.group;
    // Every arm but the last is summed; the last gets what the others leave of the all-arm totals.
    const last = A - 1;
    vectorArm.fill(0);
    for (let c = 0; c < group.length; c++) {
      const at = group[c] * A;
      for (let a = 0; a < last; a++) vectorArm[at + a] += counts[c * A + a];
    }
    armPersons.fill(0);
    sums.fill(0);
    for (let g = 0; g < vectors; g++) {
      const row = g * K;
      for (let a = 0; a < last; a++) {
        const n = vectorArm[g * A + a];
        if (n === 0) continue;
        armPersons[a] += n;
        const base = a * K;
        for (let j = 0; j < K; j++) sums[base + j] += n * value[row + j];
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
        withValue[a * K + j] -= vectorArm[g * A + a];
        rest -= vectorArm[g * A + a];
      }
      withValue[last * K + j] -= rest;
    }
    return this.statistic.fromSums(sums, withValue);
  }
}
