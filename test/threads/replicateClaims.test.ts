import { describe, expect, it } from 'vitest';
import { allReplicates, awaitAllWritten, claimsLeft, listedReplicates, replicateCounters, sharedClaims, type ReplicateClaims } from '../../src/threads/replicateClaims.js';

/** Takes up to `most` replicates from `claims`, marking each done; returns them in order. */
function take(claims: ReplicateClaims, most = Infinity): number[] {
  const taken: number[] = [];
  while (taken.length < most) {
    const b = claims.next();
    if (b < 0) break;
    taken.push(b);
    claims.done(b);
  }
  return taken;
}

describe('sharedClaims', () => {
  it('hands every replicate to exactly one of the threads sharing the counters, in runs', () => {
    for (const B of [1, 31, 32, 33, 100, 2000]) {
      const counters = replicateCounters();
      const first = sharedClaims(counters, B);
      const second = sharedClaims(counters, B);
      // Alternate a chunk at a time, as two threads might.
      const seen: number[] = [];
      for (;;) {
        const a = take(first, 32);
        const b = take(second, 32);
        seen.push(...a, ...b);
        if (a.length === 0 && b.length === 0) break;
      }
      expect(seen.slice().sort((x, y) => x - y)).toEqual(Array.from({ length: B }, (_, b) => b));
      expect(claimsLeft(counters, B)).toBe(false);
      expect(counters[1]).toBe(B);
      // The counter stops where the last claim found nothing left, far from overflowing.
      expect(counters[0]).toBeLessThanOrEqual(B + 64);
    }
  });

  it('counts a chunk as written only once its last replicate is', () => {
    const counters = replicateCounters();
    const claims = sharedClaims(counters, 100);
    for (let i = 0; i < 31; i++) claims.done(claims.next());
    expect(counters[1]).toBe(0);
    claims.done(claims.next());
    expect(counters[1]).toBe(32);
  });

  it('lets the owner go on at once when every replicate is written', () => {
    const counters = replicateCounters();
    take(sharedClaims(counters, 70));
    awaitAllWritten(counters, 70);
    expect(counters[1]).toBe(70);
  });
});

describe('sharedClaims, a replicate at a time', () => {
  it('alternates single replicates between the threads and counts each as written', () => {
    const counters = replicateCounters();
    const first = sharedClaims(counters, 5, 1);
    const second = sharedClaims(counters, 5, 1);
    expect([take(first, 1), take(second, 1), take(first, 1), take(second, 1), take(first, 1), take(second, 1)]).toEqual([[0], [1], [2], [3], [4], []]);
    expect(counters[1]).toBe(5);
  });
});

describe('listedReplicates', () => {
  it('hands out the listed replicates in order', () => {
    expect(take(listedReplicates(Int32Array.from([7, 2, 9])))).toEqual([7, 2, 9]);
  });
});

describe('allReplicates', () => {
  it('hands out 0 … B − 1 in order', () => {
    expect(take(allReplicates(5))).toEqual([0, 1, 2, 3, 4]);
    expect(take(allReplicates(0))).toEqual([]);
  });
});
