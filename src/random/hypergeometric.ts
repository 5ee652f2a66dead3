/**
 * Hypergeometric variates on a RandomStream: the number of successes among
 * `draws` items taken without replacement from `population` items of which
 * `successes` are successes. Randomization tests draw thousands of these per
 * permutation (one per group of alike persons in a block), so a draw must be
 * exact, allocation-free and cost O(1) whatever the sizes.
 *
 * Hand-coded: no npm package gives exact, allocation-free draws on our
 * seeded per-permutation streams (stream.ts). stdlib's
 * random-base-hypergeometric takes a uniform source, but it only searches
 * up from 0 (O(mean) steps) from a P(0) computed with plain factorials,
 * which overflow beyond a population of 170.
 *
 * Three symmetries first bring the parameters to draws ≤ population / 2,
 * successes ≤ population / 2 and successes ≤ draws (the pmf is symmetric in
 * successes and draws). Then, by the smaller of the two ("few"):
 * - one: drawn with probability draws / population, by an exact uniform
 *   integer (the common case: most groups of alike persons have one);
 * - below SEARCH_LIMIT: inversion, searching up from 0;
 * - a variance below MODE_LIMIT: inversion, searching out from the mode;
 * - otherwise HRUA (Stadlober 1989, "Sampling from Poisson, binomial and
 *   hypergeometric distributions: ratio of uniforms as a simple and fast
 *   alternative"; the version numpy uses): ratio of uniforms under a
 *   table-mountain hat, O(1) expected draws. Unlike numpy it does not
 *   truncate the support 16 SD above the mean: every value can be drawn.
 * Inversion and HRUA compare a uniform with probabilities, so they are exact
 * up to the rounding of those: relative 1e-15 from 0, and where
 * log-factorials enter (the mode's probability, HRUA's test) about 1e-16
 * times log population! (1e-10 for populations of 40,000 and 1e-8 for
 * millions), far below what any number of permutations could detect.
 */
import type { RandomStream } from './stream.js';

/**
 * 2^-32. The searches start from a 32-bit uniform, whose interval
 * [u, u + 2^-32) almost always lies on one side of every probability it is
 * compared with; only where it straddles one are 53 more bits drawn. That
 * is the inversion of a 53-bit uniform, at half the stream's draws.
 */
const WORD = 2.3283064365386963e-10;

/** Below this many successes (after the symmetries) the search from 0 costs least. */
const SEARCH_LIMIT = 16;
/** Below this variance the search from the mode costs less than HRUA (about 1.6 SD of steps against two or three uniforms and logarithms). */
const MODE_LIMIT = 100;

export function hypergeometric(rng: RandomStream, population: number, successes: number, draws: number): number {
  if (!(successes >= 0 && draws >= 0 && successes <= population && draws <= population)) {
    throw new RangeError(`hypergeometric: need 0 ≤ successes (${successes}), draws (${draws}) ≤ population (${population})`);
  }
  // Count in the smaller of the drawn items and those left behind, and of the successes and the failures.
  const flipDraws = 2 * draws > population;
  const flipSuccesses = 2 * successes > population;
  const n = flipDraws ? population - draws : draws;
  const k = flipSuccesses ? population - successes : successes;
  let x = k === 0 || n === 0 ? 0 : k < n ? smallerFirst(rng, population, k, n) : smallerFirst(rng, population, n, k);
  if (flipSuccesses) x = n - x;
  return flipDraws ? successes - x : x;
}

/** 1 ≤ `few` ≤ `many` ≤ population / 2; the pmf is the same with the two swapped. */
function smallerFirst(rng: RandomStream, population: number, few: number, many: number): number {
  if (few === 1) return uniformBelow(rng, population) < many ? 1 : 0;
  if (few < SEARCH_LIMIT) return searchFromZero(rng, population, few, many);
  reserveLogFactorials(population);
  const variance = (((few * many) / population) * (population - few) * (population - many)) / (population * (population - 1));
  return variance < MODE_LIMIT ? searchFromMode(rng, population, few, many) : hrua(rng, population, few, many);
}

/**
 * Inversion searching up from 0 (Kachitvichyanukul & Schmeiser's HIN):
 * P(0) as a ratio of two products of `few` factors, then P(k + 1) from P(k). With few ≤
 * many ≤ population / 2 the support starts at 0 and P(0) ≥ 1 / C(2 few,
 * few) does not underflow; the search takes about the mean (≤ few / 2)
 * steps. Mass lost to rounding (relative 1e-15) falls on `few`.
 */
function searchFromZero(rng: RandomStream, population: number, few: number, many: number): number {
  // P(0) = Π (population − many − i) / (population − i): one division, the products staying below 2^(31 · 16).
  const others = population - many;
  let numerator = 1;
  let denominator = 1;
  for (let i = 0; i < few; i++) {
    numerator *= others - i;
    denominator *= population - i;
  }
  let p = numerator / denominator;
  let u = rng.nextUint32() * WORD;
  let coarse = true;
  const base = population - few - many + 1;
  for (let k = 0; k < few; k++) {
    if (u < p) {
      if (!coarse || u + WORD <= p) return k;
      u += rng.nextFloat() * WORD;
      coarse = false;
      if (u < p) return k;
    }
    u -= p;
    p *= ((few - k) * (many - k)) / ((k + 1) * (base + k));
  }
  return few;
}

/**
 * Inversion searching outwards from the mode, alternately up and down
 * (Kemp's chop-down search): about 1.6 standard deviations of steps, where
 * the search from 0 would take the mean. P(mode) comes from log-factorials.
 */
function searchFromMode(rng: RandomStream, population: number, few: number, many: number): number {
  const rest = population - few;
  const mode = Math.floor(((many + 1) * (few + 1)) / (population + 2));
  const base = rest - many;
  const atMode = Math.exp(
    logFactorial(few) + logFactorial(rest) + logFactorial(many) + logFactorial(population - many) - logFactorial(population) - logFactorial(mode) - logFactorial(few - mode) - logFactorial(many - mode) - logFactorial(base + mode),
  );
  let u = rng.nextUint32() * WORD;
  let coarse = true;
  if (u < atMode) {
    if (u + WORD <= atMode) return mode;
    u += rng.nextFloat() * WORD;
    coarse = false;
    if (u < atMode) return mode;
  }
  u -= atMode;
  let up = mode;
  let down = mode;
  let pUp = atMode;
  let pDown = atMode;
  // The support is 0 … few (few ≤ many ≤ population / 2).
  while (up < few || down > 0) {
    if (up < few) {
      pUp *= ((few - up) * (many - up)) / ((up + 1) * (base + up + 1));
      up++;
      if (u < pUp) {
        if (!coarse || u + WORD <= pUp) return up;
        u += rng.nextFloat() * WORD;
        coarse = false;
        if (u < pUp) return up;
      }
      u -= pUp;
    }
    if (down > 0) {
      pDown *= (down * (base + down)) / ((few - down + 1) * (many - down + 1));
      down--;
      if (u < pDown) {
        if (!coarse || u + WORD <= pDown) return down;
        u += rng.nextFloat() * WORD;
        coarse = false;
        if (u < pDown) return down;
      }
      u -= pDown;
    }
  }
  // Mass lost to rounding.
  return mode;
}

/**
 * A uniform integer in [0, n) (n ≥ 1), exact: Lemire's multiply-and-reject,
 * computing the rejection threshold only in the rare case that the low word
 * falls below n (the modulo costs more than the rest of the draw).
 */
export function uniformBelow(rng: RandomStream, n: number): number {
  if (n > 0x200000) return rng.nextInt(n);
  let m = rng.nextUint32() * n;
  let high = Math.floor(m * 2.3283064365386963e-10);
  let low = m - high * 4294967296;
  if (low < n) {
    const threshold = (0x100000000 - n) % n;
    while (low < threshold) {
      m = rng.nextUint32() * n;
      high = Math.floor(m * 2.3283064365386963e-10);
      low = m - high * 4294967296;
    }
  }
  return high;
}

// 2·sqrt(2/e) and 3 − 2·sqrt(3/e): Stadlober's constants of the hat's width.
const D1 = 1.7155277699214135;
const D2 = 0.8989161620588988;

/** Stadlober's HRUA with few = min(good, bad), many = the sample size, both ≤ population / 2. */
function hrua(rng: RandomStream, population: number, few: number, many: number): number {
  const rest = population - few;
  const p = few / population;
  const q = rest / population;
  const a = many * p + 0.5;
  const variance = ((population - many) * many * p * q) / (population - 1);
  const c = Math.sqrt(variance + 0.5);
  const h = D1 * c + D2;
  const mode = Math.floor(((many + 1) * (few + 1)) / (population + 2));
  const g = logFactorial(mode) + logFactorial(few - mode) + logFactorial(many - mode) + logFactorial(rest - many + mode);
  const bound = Math.min(many, few) + 1;
  for (;;) {
    const u = rng.nextFloat();
    const v = rng.nextFloat();
    const x = a + (h * (v - 0.5)) / u;
    // Written so that NaN (u = 0, v = 0.5) is rejected too.
    if (!(x >= 0 && x < bound)) continue;
    const k = Math.floor(x);
    const t = g - (logFactorial(k) + logFactorial(few - k) + logFactorial(many - k) + logFactorial(rest - many + k));
    // Squeezes around 2 log u ≤ t, then the test itself.
    if (u * (4 - u) - 3 <= t) return k;
    if (u * (u - t) >= 1) continue;
    if (2 * Math.log(u) <= t) return k;
  }
}

const EXACT_SIZE = 256;
const HALF_LOG_TWO_PI = 0.9189385332046728;
/** Largest table kept; beyond it log n! is computed each time (same values). */
const TABLE_LIMIT = 1 << 24;
/**
 * log n! for n below the table's length. HRUA reads four per iteration, and
 * from a table that costs a load instead of a logarithm; the table grows to
 * the largest population asked for, with the values logFactorial computes,
 * so a variate does not depend on what was drawn before.
 */
let table = (() => {
  const exact = new Float64Array(EXACT_SIZE);
  for (let n = 2; n < EXACT_SIZE; n++) exact[n] = exact[n - 1] + Math.log(n);
  return exact;
})();

/** Makes logFactorial read its table up to n, so that draws from populations up to n allocate nothing. */
export function reserveLogFactorials(n: number): void {
  if (n >= table.length && n < TABLE_LIMIT) growTable(n);
}

function growTable(n: number): void {
  let size = table.length;
  while (size <= n) size *= 2;
  const grown = new Float64Array(Math.min(size, TABLE_LIMIT));
  grown.set(table);
  for (let k = table.length; k < grown.length; k++) grown[k] = stirling(k);
  table = grown;
}

/** log n!; from n = 256 on by Stirling's series, whose next term (1/(1680 n⁷)) is below 2^-60. */
export function logFactorial(n: number): number {
  return n < table.length ? table[n] : stirling(n);
}

function stirling(n: number): number {
  const r = 1 / n;
  const r2 = r * r;
  return (n + 0.5) * Math.log(n) - n + HALF_LOG_TWO_PI + r * (1 / 12 - r2 * (1 / 360 - r2 / 1260));
}
