/**
 * A bootstrap replicate as person multiplicities (frequency weights), for
 * the estimators that refit on the resample (blocked, ols, lin, person-level
 * outcomes). Replicate b draws exactly the persons bootstrapShares draws for
 * replicate b (same strata order, same persons order, same random stream),
 * so shares, effects and every other statistic of a replicate come from one
 * resample, as methods.md requires.
 */
import { RandomStream, rejectionThreshold } from '../random/stream.js';

export class StratifiedResampler {
  /** Persons by stratum (arm × block), ascending within each (CSR). */
  private readonly offsets: Int32Array;
  private readonly persons: Int32Array;
  private readonly thresholds: Float64Array;
  private readonly rng = new RandomStream(0, 0);

  constructor(arm: Uint8Array, block: Int32Array, blockCount: number, arms: number) {
    const strata = arms * blockCount;
    const offsets = new Int32Array(strata + 1);
    for (let p = 0; p < arm.length; p++) offsets[arm[p] * blockCount + block[p] + 1]++;
    for (let s = 0; s < strata; s++) offsets[s + 1] += offsets[s];
    const cursor = offsets.slice(0, strata);
    const persons = new Int32Array(arm.length);
    for (let p = 0; p < arm.length; p++) persons[cursor[arm[p] * blockCount + block[p]]++] = p;
    this.offsets = offsets;
    this.persons = persons;
    this.thresholds = Float64Array.from({ length: strata }, (_, s) => rejectionThreshold(Math.max(1, offsets[s + 1] - offsets[s])));
  }

  /** Writes replicate b's multiplicity of every person into `weights` (allocation-free). */
  draw(seed: number, b: number, weights: Float64Array): void {
    weights.fill(0);
    const { offsets, persons, thresholds, rng } = this;
    rng.reseed(seed, b);
    for (let s = 0; s + 1 < offsets.length; s++) {
      const first = offsets[s];
      const size = offsets[s + 1] - first;
      for (let k = 0; k < size; k++) weights[persons[first + rng.nextIntBelow(size, thresholds[s])]]++;
    }
  }
}
