/**
 * Pieces of the engine tests' random designs.
 */

/** A seeded uniform generator on [0, 1) (mulberry32), so a design is a function of its seed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random person's outcome histories for the engine tests' designs: most
 * followed to the end, some censored after a few months, a few with a gap
 * at month 3; outcomes switch on and off, and outcome 1 is sometimes 2.5
 * (a non-binary value).
 */
export interface HistoryShape {
  /** Censored persons stop after 2 … 1 + lastMonthSpan months. */
  lastMonthSpan: number;
  /** Followed to the end whatever the draw (the first `kind` draw is still made). */
  full?: boolean;
}

export function fillRandomHistory(next: () => number, values: Float64Array, p: number, outcomes: number, months: number, shape: HistoryShape): void {
  const kind = next();
  const end = kind < 0.7 || shape.full ? months : 2 + Math.floor(next() * shape.lastMonthSpan);
  const gap = kind > 0.95 ? 2 : -1;
  for (let o = 0; o < outcomes; o++) {
    let state = next() < 0.2 ? 1 : 0;
    for (let t = 0; t < end; t++) {
      if (t === gap) continue;
      if (next() < 0.3) state = state === 0 ? 1 : 0;
      values[(p * outcomes + o) * months + t] = o === 1 && state === 1 && next() < 0.4 ? 2.5 : state;
    }
  }
}
