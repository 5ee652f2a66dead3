/**
 * Exact binomial variates drawn from a RandomStream.
 *
 * Hand-coded: the bootstrap draws tens of millions of binomials per run, each
 * from the replicate's own counter-based stream (RandomStream(seed, b)), so
 * that any split of replicates over threads gives the same numbers. No npm
 * library draws seeded, allocation-free binomials from a caller's generator:
 * the project's jStat has only the binomial pmf and cdf, simple-statistics
 * only pmf tables, and the samplers on npm draw from Math.random or their
 * own generators.
 *
 * Two exact methods, chosen by the mean μ = n·min(p, 1 − p):
 * - μ < 25: inversion by sequential search from 0 (Kachitvichyanukul &
 *   Schmeiser 1988, BINV), one uniform and about μ + 1 steps;
 * - μ ≥ 25: Hörmann's (1993) BTRS, transformed rejection with squeeze,
 *   constant expected time (two uniforms, about 1.15 tries). Its exact test
 *   compares with log f(k)/f(m) written with Stirling's series; the series'
 *   truncation error (below 1/(1680·11⁷) ≈ 3·10⁻¹¹ in a log) is far below
 *   what any test of the sampler can see.
 * p > 1/2 draws n − Bin(n, 1 − p), so both methods see p ≤ 1/2.
 */
import type { RandomStream } from './stream.js';

/**
 * Below this mean, inversion's search is cheaper than BTRS (measured; BTRS
 * needs n·p ≥ 10, and its squeeze takes fewer tries the larger the mean).
 */
const INVERSION_MEAN = 25;

/** A Bin(n, p) variate; n a non-negative integer, p in [0, 1]. Allocates nothing. */
export function binomial(rng: RandomStream, n: number, p: number): number {
  if (n === 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomialLow(rng, n, 1 - p);
  return binomialLow(rng, n, p);
}

function binomialLow(rng: RandomStream, n: number, p: number): number {
  return n * p < INVERSION_MEAN ? inversion(rng, n, p) : btrs(rng, n, p);
}

/**
 * Sequential search: f(k + 1) = f(k)·((n + 1)·s/(k + 1) − s), s = p/q. Should
 * rounding leave u above the summed pmf (the pmf's mass that rounding loses
 * is far below 10⁻¹⁵), the search passes n and starts again with a fresh
 * uniform.
 */
function inversion(rng: RandomStream, n: number, p: number): number {
  const s = p / (1 - p);
  const a = (n + 1) * s;
  const f0 = Math.exp(n * Math.log1p(-p));
  for (;;) {
    let u = rng.nextFloat();
    let f = f0;
    let k = 0;
    while (u > f) {
      u -= f;
      k++;
      if (k > n) break;
      f *= a / k - s;
    }
    if (k <= n) return k;
  }
}

/** Stirling's correction fc(k) = log k! − (½·log 2π + (k + ½)·log(k + 1) − (k + 1)), exact for k ≤ 9. */
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
const FC_TABLE = (() => {
  const table = new Float64Array(10);
  let logFactorial = 0;
  for (let k = 0; k < 10; k++) {
    if (k > 0) logFactorial += Math.log(k);
    table[k] = logFactorial - (HALF_LOG_TWO_PI + (k + 0.5) * Math.log(k + 1) - (k + 1));
  }
  return table;
})();

function fc(k: number): number {
  if (k < 10) return FC_TABLE[k];
  const x = k + 1;
  const x2 = x * x;
  return (1 / 12 - (1 / 360 - 1 / 1260 / x2) / x2) / x;
}

/** Hörmann (1993), algorithm BTRS, for p ≤ 1/2 and n·p ≥ 10 (here ≥ INVERSION_MEAN). */
function btrs(rng: RandomStream, n: number, p: number): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const r = p / q;
  const m = Math.floor((n + 1) * p);
  // Needed only when the squeeze fails (one try in six or so): computed then.
  let modeTerm = NaN;
  for (;;) {
    const u = rng.nextFloat() - 0.5;
    const v = rng.nextFloat();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    // log f(k)/f(m) against the log of the hat at k (Hörmann's step 3).
    if (modeTerm !== modeTerm) modeTerm = (m + 0.5) * Math.log((m + 1) / (r * (n - m + 1))) + fc(m) + fc(n - m);
    const logRatio = modeTerm + (n + 1) * Math.log((n - m + 1) / (n - k + 1)) + (k + 0.5) * Math.log((r * (n - k + 1)) / (k + 1)) - fc(k) - fc(n - k);
    if (Math.log((v * alpha) / (a / (us * us) + b)) <= logRatio) return k;
  }
}
