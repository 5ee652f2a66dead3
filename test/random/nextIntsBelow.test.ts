import { describe, expect, it } from 'vitest';
import { rejectionThreshold, RandomStream } from '../../src/random/stream.js';

/** 2^32 mod n is almost n: about one output in 2,000 is rejected, the most for any n ≤ 2^21. */
const OFTEN_REJECTED = 2096129;

describe('RandomStream.nextIntsBelow', () => {
  it('makes the very draws of nextIntBelow, one by one, and leaves the stream where they would', () => {
    // 1 (every output accepted), strata sizes about PERSON_DRAWS_UP_TO, and the largest n nextIntBelow takes.
    for (const n of [1, 2, 3, 14, 64, 65, OFTEN_REJECTED, 0x200000]) {
      for (const count of [0, 1, 2, 17, 3000]) {
        const one = new RandomStream(9, n + count);
        const bulk = new RandomStream(9, n + count);
        const threshold = rejectionThreshold(n);
        const expected = Array.from({ length: count }, () => one.nextIntBelow(n, threshold));
        const out = new Int32Array(count + 2).fill(-7);
        bulk.nextIntsBelow(n, threshold, count, out);
        expect(Array.from(out.subarray(0, count)), `n = ${n}, count = ${count}`).toEqual(expected);
        expect(Array.from(out.subarray(count)), 'nothing written past count').toEqual([-7, -7]);
        expect(Array.from(bulk.state)).toEqual(Array.from(one.state));
        expect(bulk.nextUint32()).toBe(one.nextUint32());
      }
    }
  });

  it('skips the outputs nextIntBelow rejects', () => {
    const n = OFTEN_REJECTED;
    const threshold = rejectionThreshold(n);
    const count = 20000;
    const one = new RandomStream(4, 1);
    const bulk = new RandomStream(4, 1);
    const outputs = new RandomStream(4, 1);
    const expected = Array.from({ length: count }, () => one.nextIntBelow(n, threshold));
    const out = new Int32Array(count);
    bulk.nextIntsBelow(n, threshold, count, out);
    expect(Array.from(out)).toEqual(expected);
    expect(Array.from(bulk.state)).toEqual(Array.from(one.state));
    // These draws did reject some outputs: the stream moved on by more than one output a draw.
    let used = 0;
    while (Array.from(outputs.state).join() !== Array.from(one.state).join()) {
      outputs.nextUint32();
      used++;
    }
    expect(used).toBeGreaterThan(count);
  });
});
