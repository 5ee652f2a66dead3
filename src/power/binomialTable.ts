/**
 * Exact binomial draws by inversion of a precomputed distribution table.
 *
 * Hand-coded because neither jstat nor simple-statistics samples a binomial
 * from a seeded stream (jstat has no binomial sampler; simple-statistics'
 * binomialDistribution cuts its table off 1e-4 short of the total mass), and
 * summing n Bernoulli draws would cost O(n) per draw. The table costs O(n)
 * once per arm; each draw is one uniform and a binary search.
 */
import type { RandomStream } from '../random/stream.js';

export class BinomialTable {
  /** cumulative[k] = P(X ≤ k), with the last entry exactly 1. */
  private readonly cumulative: Float64Array;

  constructor(readonly n: number, readonly p: number) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`binomial size must be a whole number ≥ 0, got ${n}`);
    if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial probability must lie in [0, 1], got ${p}`);
    const mass = new Float64Array(n + 1);
    if (p === 0) mass[0] = 1;
    else if (p === 1) mass[n] = 1;
    else {
      // Unnormalized masses by the ratio P(k+1)/P(k) = (n−k)/(k+1)·p/(1−p),
      // walked out from the mode so that nothing overflows and the tails
      // underflow harmlessly to 0.
      const mode = Math.min(n, Math.floor((n + 1) * p));
      const odds = p / (1 - p);
      mass[mode] = 1;
      for (let k = mode; k < n; k++) mass[k + 1] = (mass[k] * (n - k) * odds) / (k + 1);
      for (let k = mode; k > 0; k--) mass[k - 1] = (mass[k] * k) / ((n - k + 1) * odds);
    }
    let total = 0;
    for (let k = 0; k <= n; k++) total += mass[k];
    this.cumulative = new Float64Array(n + 1);
    let running = 0;
    for (let k = 0; k <= n; k++) {
      running += mass[k];
      this.cumulative[k] = running / total;
    }
    this.cumulative[n] = 1;
  }

  /** The smallest k with P(X ≤ k) > u for one uniform u from the stream. */
  draw(stream: RandomStream): number {
    const u = stream.nextFloat();
    let low = 0;
    let high = this.n;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.cumulative[mid] > u) high = mid;
      else low = mid + 1;
    }
    return low;
  }
}
