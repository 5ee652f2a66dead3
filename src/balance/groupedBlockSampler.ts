/**
 * Within-block permutations of arm labels drawn as counts per group of alike
 * persons, for statistics that read a labelling only through how many
 * persons of each group each arm gets (sums of per-person quantities per
 * arm). A uniformly random within-block assignment with the block's arm
 * sizes gives a block's groups ("cells") multivariate hypergeometric
 * counts, and GroupedBlockSampler draws exactly those: it visits a block's cells in turn, each getting its
 *   persons' labels as a uniformly random subset of the block's label slots
 *   not yet handed out: how many of them are arm 0's slots is a
 *   hypergeometric variate, how many of the rest arm 1's another, and so on
 *   (a small cell is dealt its slots person by person instead). A draw
 *   costs O(cells × arms), whatever the number of persons.
 * ExchangeableBlockSampler (exchangeableBlockSampler.ts) draws the same
 * distribution at a fraction of the cost (the balance test's sampler).
 *
 * Each draw reads only the stream it is given, so a permutation r drawn on
 * stream (seed, r) is the same however the permutations are split.
 */
import { hypergeometric, reserveLogFactorials, uniformBelow } from '../random/hypergeometric.js';
import type { RandomStream } from '../random/stream.js';

/** The persons of each (block, group), cells of a block consecutive. */
export interface BlockCells {
  arms: number;
  /** Cells of block b: blockStart[b] … blockStart[b + 1] − 1. */
  blockStart: Int32Array;
  /** Per cell, the caller's group. */
  group: Int32Array;
  /** Per cell, its persons. */
  size: Int32Array;
  /** observed[c * arms + a]: persons of cell c in arm a under the observed labels. */
  observed: Int32Array;
  /** armTotal[b * arms + a]: persons of block b in arm a (what every permutation keeps). */
  armTotal: Int32Array;
}

/** Cells in block order, and within a block in order of their first person. */
export function blockCells(arm: Uint8Array, block: Int32Array, blockCount: number, group: Int32Array, arms: number): BlockCells {
  const persons = arm.length;
  if (block.length !== persons || group.length !== persons) throw new RangeError('blockCells: arm, block and group need one entry per person');
  let groups = 0;
  for (let p = 0; p < persons; p++) groups = Math.max(groups, group[p] + 1);
  // The cell of each (block, group): a dense table while it is not much larger than the persons, else a Map.
  const dense = blockCount * groups <= Math.max(1 << 16, 4 * persons);
  const cellOfKey = dense ? new Int32Array(blockCount * groups).fill(-1) : null;
  const cellOf = new Map<number, number>();
  const cellBlock: number[] = [];
  const cellGroup: number[] = [];
  const personCell = new Int32Array(persons);
  for (let p = 0; p < persons; p++) {
    const key = block[p] * groups + group[p];
    let cell = cellOfKey ? cellOfKey[key] : (cellOf.get(key) ?? -1);
    if (cell < 0) {
      cell = cellBlock.length;
      if (cellOfKey) cellOfKey[key] = cell;
      else cellOf.set(key, cell);
      cellBlock.push(block[p]);
      cellGroup.push(group[p]);
    }
    personCell[p] = cell;
  }
  // Counting sort of the cells by block keeps first-appearance order within a block.
  const blockStart = new Int32Array(blockCount + 1);
  for (const b of cellBlock) blockStart[b + 1]++;
  for (let b = 0; b < blockCount; b++) blockStart[b + 1] += blockStart[b];
  const cursor = blockStart.slice(0, blockCount);
  const position = Int32Array.from(cellBlock, (b) => cursor[b]++);
  const cells = cellBlock.length;
  const groupOfCell = new Int32Array(cells);
  cellGroup.forEach((g, c) => (groupOfCell[position[c]] = g));
  const size = new Int32Array(cells);
  const observed = new Int32Array(cells * arms);
  const armTotal = new Int32Array(blockCount * arms);
  for (let p = 0; p < persons; p++) {
    const c = position[personCell[p]];
    size[c]++;
    observed[c * arms + arm[p]]++;
    armTotal[block[p] * arms + arm[p]]++;
  }
  return { arms, blockStart, group: groupOfCell, size, observed, armTotal };
}

export class GroupedBlockSampler {
  private readonly cells: BlockCells;
  /** Label slots of each arm not yet handed out in the current block. */
  private readonly quota: Int32Array;

  /**
   * Cells up to this size are split person by person (a uniform integer
   * each), larger ones arm by arm (a hypergeometric variate per arm but the
   * last): whichever costs less. A variate costs about two uniform integers.
   */
  private readonly smallCell: number;

  constructor(cells: BlockCells, smallCell = 2 * (cells.arms - 1)) {
    this.cells = cells;
    this.quota = new Int32Array(cells.arms);
    this.smallCell = smallCell;
    // The hypergeometric variates' log-factorial table, grown now rather than inside a draw.
    let largest = 0;
    for (let b = 0; b + 1 < cells.blockStart.length; b++) {
      let persons = 0;
      for (let a = 0; a < cells.arms; a++) persons += cells.armTotal[b * cells.arms + a];
      largest = Math.max(largest, persons);
    }
    reserveLogFactorials(largest);
  }

  /** Cells × arms: the size of `counts` for draw(). */
  get length(): number {
    return this.cells.size.length * this.cells.arms;
  }

  /**
   * One uniformly random within-block permutation as counts[c * arms + a],
   * drawn from `rng` as it stands (the caller positions it). Allocates nothing.
   */
  draw(rng: RandomStream, counts: Int32Array): void {
    const { arms, blockStart, size, armTotal } = this.cells;
    const { quota, smallCell } = this;
    for (let b = 0; b + 1 < blockStart.length; b++) {
      let left = 0;
      for (let a = 0; a < arms; a++) {
        quota[a] = armTotal[b * arms + a];
        left += quota[a];
      }
      for (let c = blockStart[b]; c < blockStart[b + 1]; c++) {
        const at = c * arms;
        const persons = size[c];
        if (persons <= smallCell) {
          // Person by person: each takes a uniformly random slot of those left.
          for (let a = 0; a < arms; a++) counts[at + a] = 0;
          for (let i = 0; i < persons; i++) {
            const slot = uniformBelow(rng, left - i) | 0;
            // The arm whose slots it falls in, without a branch: one on it is
            // mispredicted about every other person (three even arms), which
            // costs more than the rest of the deal.
            let a = 0;
            let edge = 0;
            for (let j = 0; j + 1 < arms; j++) {
              edge += quota[j];
              a += (edge - 1 - slot) >>> 31;
            }
            counts[at + a]++;
            quota[a]--;
          }
        } else {
          let pool = left;
          let rest = persons;
          for (let a = 0; a < arms; a++) {
            const q = quota[a];
            const x = rest === 0 || q === 0 ? 0 : q === pool ? rest : hypergeometric(rng, pool, q, rest);
            counts[at + a] = x;
            quota[a] = q - x;
            pool -= q;
            rest -= x;
          }
        }
        left -= persons;
      }
    }
  }
}
