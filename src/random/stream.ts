/**
 * Seeded random streams.
 *
 * Hand-coded because results must be identical whatever the number of
 * threads: every replicate (or simulated person) gets its own stream derived
 * from (seed, stream index) alone, which the usual libraries' single global
 * generators cannot give. The generator is xoshiro128** (Blackman & Vigna),
 * seeded through splitmix32; it uses 32-bit integer arithmetic only, which
 * JavaScript engines run without allocation.
 */

function splitmix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class RandomStream {
  // The state lives in an Int32Array: as plain fields, values ≥ 2^30 are
  // boxed as heap numbers, which made every draw allocate and cost twice as
  // long. Every operation below goes through ToInt32, so int32 storage gives
  // exactly the numbers that unsigned storage gave.
  private readonly s = new Int32Array(4);

  /** A stream determined by `seed` and `streamIndex` only. */
  constructor(seed: number, streamIndex = 0) {
    this.reseed(seed, streamIndex);
  }

  /** Repositions this object on another stream without allocating. */
  reseed(seed: number, streamIndex: number): void {
    const s = this.s;
    let h = splitmix32((seed >>> 0) ^ 0x2545f491);
    h = splitmix32(h ^ (streamIndex >>> 0));
    h = splitmix32(h ^ Math.floor(streamIndex / 4294967296));
    s[0] = splitmix32(h);
    s[1] = splitmix32(s[0] ^ 0x6a09e667);
    s[2] = splitmix32(s[1] ^ 0xbb67ae85);
    s[3] = splitmix32(s[2] ^ 0x3c6ef372);
    if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1;
  }

  /**
   * The generator's four state words, for bulk draws that step it in local
   * variables (HalfWords): they must leave it as the same number of
   * nextUint32 calls would.
   */
  get state(): Int32Array {
    return this.s;
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const s0 = s[0];
    const s1 = s[1];
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    const s2 = s[2] ^ s0;
    const s3 = s[3] ^ s1;
    s[1] = s1 ^ s2;
    s[0] = s0 ^ s3;
    s[2] = s2 ^ t;
    s[3] = rotl(s3, 11);
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  nextFloat(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /**
   * A uniform integer in [0, n). For n up to 2^21 this is Lemire's
   * multiply-and-reject method, exactly uniform (the product x * n stays
   * below 2^53, so double arithmetic is exact); larger n scale a 53-bit
   * float, whose bias is below 2^-31.
   */
  nextInt(n: number): number {
    return n <= 0x200000 ? this.nextIntBelow(n, rejectionThreshold(n)) : Math.floor(this.nextFloat() * n);
  }

  /**
   * nextInt for n ≤ 2^21 with its `rejectionThreshold(n)` computed once by
   * the caller: the bootstrap draws millions of indices from one stratum.
   */
  nextIntBelow(n: number, threshold: number): number {
    for (;;) {
      const m = this.nextUint32() * n;
      const high = Math.floor(m * 2.3283064365386963e-10);
      if (m - high * 4294967296 >= threshold) return high;
    }
  }

  /**
   * `count` draws of nextIntBelow(n, threshold), in order, into out[0 …
   * count): the same draws, rejections included, and the same state
   * afterwards, with the generator stepped in local variables. A call per
   * draw, with its loads and stores of the state, costs several times as
   * much; the composition bootstrap draws every person of its small strata
   * so, a few dozen indices at a time, in every replicate.
   */
  nextIntsBelow(n: number, threshold: number, count: number, out: Int32Array): void {
    const s = this.s;
    let s0 = s[0];
    let s1 = s[1];
    let s2 = s[2];
    let s3 = s[3];
    for (let i = 0; i < count; ) {
      // xoshiro128** exactly as nextUint32, then nextIntBelow's test.
      const rotated = Math.imul(s1, 5);
      const m = (Math.imul((rotated << 7) | (rotated >>> 25), 9) >>> 0) * n;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const high = Math.floor(m * 2.3283064365386963e-10);
      if (m - high * 4294967296 >= threshold) out[i++] = high;
    }
    s[0] = s0;
    s[1] = s1;
    s[2] = s2;
    s[3] = s3;
  }
}

/** The low-word bound below which Lemire's method rejects a draw for n. */
export function rejectionThreshold(n: number): number {
  return (0x100000000 - n) % n;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
