/**
 * The j-th permuted block of a stratum, drawn from a random stream of its
 * own: RandomStream(seed, index(stratum, j)). Because no block depends on
 * any other draw, assigning persons in several runs gives exactly the
 * assignments of one run over all of them in the same order.
 */
import { RandomStream } from '../random/stream.js';
import type { BlockPlan } from './blockPlan.js';

// Blocks per stratum the stream index leaves room for (2^21, two million).
const BLOCKS_PER_STRATUM = 0x200000;
const DOMAIN = 'effekt.assign\u0000';

/**
 * Stream index of block j of a stratum: a 32-bit FNV-1a hash of the stratum
 * name (UTF-8, behind a domain tag so the streams differ from other uses of
 * the same seed) times 2^21, plus j. Hand-coded because the index must stay
 * the same across versions and machines, which no installed hash promises in
 * this form; two strata whose hashes collide (about 1 in 4 billion per pair)
 * would share their permutations, which still gives valid randomization.
 */
export function blockStreamIndex(stratum: string, block: number): number {
  if (!Number.isInteger(block) || block < 0 || block >= BLOCKS_PER_STRATUM) {
    throw new RangeError(`block number ${block} is outside 0 … ${BLOCKS_PER_STRATUM - 1}`);
  }
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(DOMAIN + stratum, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash * BLOCKS_PER_STRATUM + block;
}

/** Arm indices (into plan.arms) of the block's places, in order. */
export function permutedBlock(plan: BlockPlan, seed: number, stratum: string, block: number): Uint8Array {
  const places = new Uint8Array(plan.length);
  let at = 0;
  plan.counts.forEach((count, arm) => {
    for (let c = 0; c < count; c++) places[at++] = arm;
  });
  // Fisher–Yates from the end: every ordering of the places is equally likely.
  const stream = new RandomStream(seed, blockStreamIndex(stratum, block));
  for (let i = places.length - 1; i > 0; i--) {
    const j = stream.nextInt(i + 1);
    const swap = places[i];
    places[i] = places[j];
    places[j] = swap;
  }
  return places;
}
