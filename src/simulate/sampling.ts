/**
 * Small sampling helpers on top of RandomStream, shared by the simulator's
 * modules. Everything draws from a stream passed in, so that each simulated
 * person's draws depend on (seed, person) alone.
 */
import type { RandomStream } from '../random/stream.js';

/** Cumulative sums of `weights`, normalised so that the last entry is exactly 1. */
export function cumulative(weights: readonly number[]): Float64Array {
  const total = weights.reduce((sum, w) => sum + w, 0);
  const out = new Float64Array(weights.length);
  let running = 0;
  for (let i = 0; i < weights.length; i++) {
    running += weights[i];
    out[i] = running / total;
  }
  out[weights.length - 1] = 1;
  return out;
}

/**
 * A uniform draw in [0, 1) from one 32-bit output: half the cost of
 * nextFloat's 53 bits, and 2^-32 resolution is ample for simulation
 * probabilities (the simulator makes some 100 draws per person).
 */
export function uniform(rng: RandomStream): number {
  return rng.nextUint32() * 2.3283064365386963e-10;
}

/** Index i with probability weight i, given the cumulative table of `cumulative`. */
export function pickIndex(rng: RandomStream, table: Float64Array): number {
  const u = uniform(rng);
  let i = 0;
  while (u >= table[i]) i++;
  return i;
}

/** True with probability p. */
export function bernoulli(rng: RandomStream, p: number): boolean {
  return uniform(rng) < p;
}

/** A uniform integer in [from, to] (both inclusive). */
export function uniformInt(rng: RandomStream, from: number, to: number): number {
  return from + rng.nextInt(to - from + 1);
}

/** A standard normal draw (Box-Muller; the second value is dropped to keep draws per call fixed). */
export function standardNormal(rng: RandomStream): number {
  const u = 1 - rng.nextFloat(); // (0, 1], so the log is finite
  const v = rng.nextFloat();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A whole number of days ≥ `min`, exponential beyond it with the given mean excess. */
export function durationDays(rng: RandomStream, min: number, meanExcess: number): number {
  return min + Math.floor(-Math.log(1 - uniform(rng)) * meanExcess);
}

/**
 * Derives independent seeds for the simulator's purposes (population,
 * process, costs) from the user's seed, so that changing how one part draws
 * never shifts the random numbers of another.
 */
export function purposeSeed(seed: number, purpose: number): number {
  let z = (seed ^ Math.imul(purpose + 1, 0x9e3779b9)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}
