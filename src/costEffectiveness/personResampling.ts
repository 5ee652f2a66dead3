/**
 * The main bootstrap's person draws, as multiplicities: how often replicate b
 * drew each person. Reproduces bootstrapShares (src/estimate/bootstrap.ts)
 * draw for draw: strata arm × block in the order arm · blockCount + block,
 * persons of a stratum in ascending order, RandomStream(seed, b), each draw
 * `first + nextIntBelow(size)`. Statistics computed from these multiplicities
 * therefore come from the same resamples as the shares and effects, which
 * methods.md asks of cost-effectiveness. No allocation per replicate.
 */
import { RandomStream, rejectionThreshold } from '../random/stream.js';

/** bootstrap.ts draws exactly uniform indices up to this stratum size. */
const MAX_STRATUM = 0x200000;

export interface ResamplingStrata {
  /** CSR: stratum s holds persons[offsets[s] … offsets[s + 1]), ascending. */
  offsets: Int32Array;
  persons: Int32Array;
  thresholds: Float64Array;
}

export function resamplingStrata(arm: Uint8Array, block: Int32Array, blockCount: number, arms: number): ResamplingStrata {
  const strata = arms * blockCount;
  const stratumOf = (p: number) => arm[p] * blockCount + block[p];
  const offsets = new Int32Array(strata + 1);
  for (let p = 0; p < arm.length; p++) offsets[stratumOf(p) + 1]++;
  for (let s = 0; s < strata; s++) offsets[s + 1] += offsets[s];
  const cursor = offsets.slice(0, strata);
  const persons = new Int32Array(arm.length);
  for (let p = 0; p < arm.length; p++) persons[cursor[stratumOf(p)]++] = p;
  const thresholds = new Float64Array(strata);
  for (let s = 0; s < strata; s++) {
    const size = offsets[s + 1] - offsets[s];
    if (size > MAX_STRATUM) throw new RangeError(`a bootstrap stratum has ${size} persons; at most ${MAX_STRATUM} are supported`);
    thresholds[s] = size > 0 ? rejectionThreshold(size) : 0;
  }
  return { offsets, persons, thresholds };
}

/**
 * Fills `times[p]` with how often replicate `b` of stream family `seed` drew
 * person p. `rng` is any RandomStream; it is repositioned on (seed, b).
 */
export function drawMultiplicities(strata: ResamplingStrata, seed: number, b: number, rng: RandomStream, times: Int32Array): void {
  times.fill(0);
  rng.reseed(seed, b);
  const { offsets, persons, thresholds } = strata;
  for (let s = 0; s + 1 < offsets.length; s++) {
    const first = offsets[s];
    const size = offsets[s + 1] - first;
    const threshold = thresholds[s];
    for (let k = 0; k < size; k++) times[persons[first + rng.nextIntBelow(size, threshold)]]++;
  }
}
