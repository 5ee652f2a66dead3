/**
 * Uniform integers below m from a RandomStream, two from each of its 32-bit
 * outputs while m ≤ 2^16: Lemire's multiply-and-reject method on a 16-bit
 * half (h·m < 2^32: exact in double arithmetic), exactly uniform. The
 * bootstrap draws hundreds of millions of small indices (persons within a
 * group); the generator's step is most of their cost, so halving the steps
 * nearly halves it. Larger m take RandomStream.nextInt.
 */
import type { RandomStream } from './stream.js';

export const HALF_WORD = 0x10000;

/** The low-half bound below which a draw for m ≤ 2^16 is rejected; 0 for larger m (unused). */
export function halfWordThreshold(m: number): number {
  return m > 0 && m <= HALF_WORD ? (HALF_WORD - m) % m : 0;
}

export class HalfWords {
  private rng: RandomStream | null = null;
  /** The low half of the last 32-bit output when not yet used; −1 when none. */
  private spare = -1;

  /** Draws from `rng` from here on, with no half pending (call after every reseed, so draws depend on the stream only). */
  start(rng: RandomStream): void {
    this.rng = rng;
    this.spare = -1;
  }

  /** Where drawMany writes its draws; grown when a call needs more. */
  private drawn = new Int32Array(1024);

  /**
   * `x` draws of below(m, threshold), in order, in the first x entries of
   * the returned array (this object's, overwritten by the next call): the
   * same draws as x calls of below, with the generator stepped in local
   * variables. A call per draw, with its loads and stores of the state,
   * costs several times as much, and the bootstrap makes one such draw per
   * person and replicate (refit weights, cost-effectiveness's costs).
   */
  drawMany(m: number, threshold: number, x: number): Int32Array {
    if (x > this.drawn.length) this.drawn = new Int32Array(Math.max(x, 2 * this.drawn.length));
    const drawn = this.drawn;
    if (m > HALF_WORD) {
      for (let i = 0; i < x; i++) drawn[i] = this.below(m, threshold);
      return drawn;
    }
    const state = this.rng!.state;
    let s0 = state[0];
    let s1 = state[1];
    let s2 = state[2];
    let s3 = state[3];
    let spare = this.spare;
    for (let i = 0; i < x; ) {
      let half: number;
      if (spare >= 0) {
        half = spare;
        spare = -1;
      } else {
        // xoshiro128** exactly as RandomStream.nextUint32.
        const rotated = Math.imul(s1, 5);
        const u = Math.imul((rotated << 7) | (rotated >>> 25), 9) >>> 0;
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        half = u >>> 16;
        spare = u & 0xffff;
      }
      const y = half * m;
      if ((y & 0xffff) >= threshold) drawn[i++] = y >>> 16;
    }
    state[0] = s0;
    state[1] = s1;
    state[2] = s2;
    state[3] = s3;
    this.spare = spare;
    return drawn;
  }

  /** A uniform integer in [0, m); `threshold` is halfWordThreshold(m). */
  below(m: number, threshold: number): number {
    if (m > HALF_WORD) return this.rng!.nextInt(m);
    for (;;) {
      let half = this.spare;
      if (half >= 0) {
        this.spare = -1;
      } else {
        const u = this.rng!.nextUint32();
        half = u >>> 16;
        this.spare = u & 0xffff;
      }
      const x = half * m;
      if ((x & 0xffff) >= threshold) return x >>> 16;
    }
  }
}
