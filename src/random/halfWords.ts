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
