/**
 * Stratified permuted-block randomization, as a pure function: the arm of
 * each new person from their stratum and how many persons of that stratum
 * were assigned before them (the log's count, then this batch in order).
 */
import type { BlockPlan } from './blockPlan.js';
import { permutedBlock } from './blockPermutation.js';

/**
 * @param strata stratum of each new person, in the order they are assigned
 * @param assignedBefore persons already assigned per stratum (from the log)
 * @returns arm index (into plan.arms) per new person
 */
export function drawAssignments(
  strata: readonly string[],
  assignedBefore: ReadonlyMap<string, number>,
  plan: BlockPlan,
  seed: number,
): Uint8Array {
  const position = new Map(assignedBefore);
  const blocks = new Map<string, Uint8Array>();
  const arms = new Uint8Array(strata.length);
  strata.forEach((stratum, i) => {
    const m = position.get(stratum) ?? 0;
    const block = Math.floor(m / plan.length);
    const key = `${block}\u0000${stratum}`;
    let places = blocks.get(key);
    if (places === undefined) {
      places = permutedBlock(plan, seed, stratum, block);
      blocks.set(key, places);
    }
    arms[i] = places[m % plan.length];
    position.set(stratum, m + 1);
  });
  return arms;
}
