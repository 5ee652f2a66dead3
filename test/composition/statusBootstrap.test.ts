import { describe, expect, it } from 'vitest';
import { statusShareCells, statusShareReplicates, type StatusDesign } from '../../src/composition/statusBootstrap.js';
import { replicateCounters, sharedClaims, type ReplicateClaims } from '../../src/threads/replicateClaims.js';
import { identity, multinomial, sizesLevel, STREAM_PURPOSE } from '../../src/estimate/groupMultinomial.js';
import { MISSING } from '../../src/panel/buildPanel.js';
import { STATUS_NAMES } from '../../src/panel/spellTypes.js';
import { RandomStream, rejectionThreshold } from '../../src/random/stream.js';

const S = STATUS_NAMES.length;

/**
 * The module comment of statusBootstrap.ts read plainly: replicate b on
 * stream (seed, b + 2·2³²), strata in order; a stratum of at most 64
 * persons drawn person by person (nextIntBelow over its persons in panel
 * order), each draw counted month by month; a larger one a multinomial per
 * month over its categories (statuses, then censored) by descending count.
 */
function plainReplicates(d: StatusDesign, seed: number, B: number): Float64Array {
  const T = d.panel.months.length;
  const A = d.arms;
  const H = A * d.blockCount;
  const strata: number[][] = Array.from({ length: H }, () => []);
  for (let p = 0; p < d.panel.persons; p++) strata[d.arm[p] * d.blockCount + d.block[p]].push(p);
  const cells = S * A * T;
  const out = new Float64Array(cells * B);
  const rng = new RandomStream(seed, 0);
  for (let b = 0; b < B; b++) {
    rng.reseed(seed, b + 2 * STREAM_PURPOSE);
    const n = new Int32Array(A * T);
    const events = new Int32Array(cells);
    const add = (k: number, a: number, t: number, x: number) => {
      n[a * T + t] += x;
      events[(k * A + a) * T + t] += x;
    };
    strata.forEach((members, h) => {
      const a = Math.floor(h / d.blockCount);
      const size = members.length;
      if (size === 0) return;
      if (size <= 64) {
        for (let i = 0; i < size; i++) {
          const p = members[rng.nextIntBelow(size, rejectionThreshold(size))];
          for (let t = 0; t < T; t++) if (d.panel.status[p * T + t] !== MISSING) add(d.panel.status[p * T + t], a, t, 1);
        }
        return;
      }
      for (let t = 0; t < T; t++) {
        const count = new Array<number>(S + 1).fill(0);
        for (const p of members) count[d.panel.status[p * T + t] === MISSING ? S : d.panel.status[p * T + t]]++;
        const present = [...count.keys()].filter((k) => count[k] > 0).sort((x, y) => count[y] - count[x] || x - y);
        const { level, runs } = sizesLevel(Int32Array.from(present, (k) => count[k]), Int32Array.from([0, present.length]));
        const drawn = new Int32Array(present.length);
        multinomial(rng, size, size, 0, level, 0, present.length, runs[0], -1, drawn, identity(present.length));
        present.forEach((k, j) => {
          if (k !== S) add(k, a, t, drawn[j]);
        });
      }
    });
    for (let cell = 0; cell < cells; cell++) out[cell * B + b] = n[cell % (A * T)] > 0 ? events[cell] / n[cell % (A * T)] : NaN;
  }
  return out;
}

/**
 * Strata of 0, 1, a few, 64 and 65 persons and more; statuses that change
 * often (up to a new run every month: more runs than the fixed slots a
 * drawn person's changes get), months censored at the end, at the start and
 * in between, a person never observed, and an arm nobody observes in the
 * last month.
 */
function design(seed: number): StatusDesign {
  const T = 12;
  const blockSizes = [[1, 7, 64, 0, 30], [65, 2, 14, 90, 9], [40, 64, 0, 3, 66]];
  const rng = new RandomStream(seed, 5);
  const arm: number[] = [];
  const block: number[] = [];
  blockSizes.forEach((sizes, a) => sizes.forEach((size, h) => {
    for (let i = 0; i < size; i++) {
      arm.push(a);
      block.push(h);
    }
  }));
  // Persons of a stratum not next to each other in the panel.
  for (let i = arm.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [arm[i], arm[j]] = [arm[j], arm[i]];
    [block[i], block[j]] = [block[j], block[i]];
  }
  const persons = arm.length;
  const status = new Uint8Array(persons * T);
  for (let p = 0; p < persons; p++) {
    const changes = [0.05, 0.3, 0.9][rng.nextInt(3)];
    const from = rng.nextFloat() < 0.1 ? rng.nextInt(4) : 0;
    const to = rng.nextFloat() < 0.2 ? rng.nextInt(T + 1) : T;
    const gap = rng.nextFloat() < 0.05 ? rng.nextInt(T) : -1;
    let k = rng.nextInt(S);
    for (let t = 0; t < T; t++) {
      if (rng.nextFloat() < changes) k = rng.nextInt(S);
      status[p * T + t] = t < from || t >= to || t === gap || (arm[p] === 2 && t === T - 1) ? MISSING : k;
    }
  }
  status.fill(MISSING, 0, T);
  return { panel: { persons, months: Int32Array.from({ length: T }, (_, t) => t + 1), status }, arm: Uint8Array.from(arm), block: Int32Array.from(block), blockCount: 5, arms: 3 };
}

describe('statusShareReplicates, draw for draw', () => {
  it.each([1, 2])('equals, bit for bit, the plain reading of its method (design %i)', (seed) => {
    const d = design(seed);
    for (const [B, replicateSeed] of [[1, 3], [37, 20170331]]) {
      const ours = statusShareReplicates(d, replicateSeed, B);
      const plain = plainReplicates(d, replicateSeed, B);
      expect(Array.from(ours)).toEqual(Array.from(plain));
      expect(Buffer.from(ours.buffer).equals(Buffer.from(plain.buffer))).toBe(true);
    }
    // The design has what it is meant to: persons of more runs than the slots, NaN shares.
    const T = d.panel.months.length;
    const runs = (p: number) => Array.from({ length: T }, (_, t) => d.panel.status[p * T + t]).filter((k, t, all) => k !== MISSING && (t === 0 || all[t - 1] !== k)).length;
    expect(Math.max(...Array.from({ length: d.panel.persons }, (_, p) => runs(p)))).toBeGreaterThan(8);
    expect(statusShareReplicates(d, 3, 1).some(Number.isNaN)).toBe(true);
  });
});

describe('statusShareReplicates shared between threads', () => {
  /** Claims that stop after `most` replicates (a whole number of chunks), as a thread that moves on. */
  const atMost = (claims: ReplicateClaims, most: number): ReplicateClaims => {
    let taken = 0;
    return { next: () => (taken++ < most ? claims.next() : -1), done: (b) => claims.done(b) };
  };

  it('gives the same replicates, bit for bit, however they fall to the threads', () => {
    const d = design(1);
    const B = 100;
    const seed = 20170331;
    const alone = statusShareReplicates(d, seed, B);
    const counters = replicateCounters();
    const shares = new Float64Array(new SharedArrayBuffer(statusShareCells(3, d.panel.months.length) * B * 8));
    // A helper takes the first two chunks, the owner the rest.
    statusShareReplicates(d, seed, B, { claims: atMost(sharedClaims(counters, B), 64), shares });
    expect(counters[1]).toBe(64);
    statusShareReplicates(d, seed, B, { claims: sharedClaims(counters, B), shares });
    expect(counters[1]).toBe(B);
    expect(Buffer.from(shares.buffer).equals(Buffer.from(alone.buffer))).toBe(true);
  });
});
