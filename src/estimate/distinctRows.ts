/**
 * Numbers the distinct rows of a table, in order of first appearance: the
 * randomization tests and the bootstrap group persons who are alike in
 * everything their statistic reads (covariate vector; subgroup levels and
 * outcome history), because a permutation or a resample then only decides
 * how many of each group get each arm or are drawn. A Map of strings would build a string per person, which at a million
 * persons costs more than the rest of the set-up, so the rows are hashed as
 * 32-bit words (a Float64Array's bits, NaN included) into an open-addressing
 * table. Rows compare bit for bit: two NaNs with other payloads, or 0 and
 * −0, count as different rows, which costs a group and never exactness.
 */

export interface DistinctRows {
  /** Distinct rows. */
  count: number;
  /** Per row, the number of its distinct row (0 … count − 1). */
  id: Int32Array;
  /** Per distinct row, the first row with it. */
  first: Int32Array;
}

/**
 * Row r is `tag[r]` (if given) and words[r * stride … r * stride + width).
 */
export function distinctRows(words: Uint32Array, stride: number, width: number, rows: number, tag?: Int32Array): DistinctRows {
  let capacity = 16;
  while (capacity < 2 * rows) capacity *= 2;
  const mask = capacity - 1;
  const table = new Int32Array(capacity).fill(-1);
  const id = new Int32Array(rows);
  const first: number[] = [];
  const hashes: number[] = [];
  for (let r = 0; r < rows; r++) {
    const from = r * stride;
    let h = tag ? mix(0x2545f491, tag[r]) : 0x2545f491;
    for (let i = 0; i < width; i++) h = mix(h, words[from + i]);
    h = finish(h, width);
    let slot = h & mask;
    for (;;) {
      const d = table[slot];
      if (d < 0) {
        table[slot] = first.length;
        id[r] = first.length;
        first.push(r);
        hashes.push(h);
        break;
      }
      if (hashes[d] === h && sameRow(words, stride, width, tag, first[d], r)) {
        id[r] = d;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { count: first.length, id, first: Int32Array.from(first) };
}

function sameRow(words: Uint32Array, stride: number, width: number, tag: Int32Array | undefined, a: number, b: number): boolean {
  if (tag && tag[a] !== tag[b]) return false;
  for (let i = 0; i < width; i++) if (words[a * stride + i] !== words[b * stride + i]) return false;
  return true;
}

// MurmurHash3's word step and finalizer (32-bit).
function mix(h: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finish(h: number, length: number): number {
  h ^= length;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
