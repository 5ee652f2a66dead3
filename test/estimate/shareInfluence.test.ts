import { describe, expect, it } from 'vitest';
import { accelerationFromSums, shareInfluenceSums } from '../../src/estimate/shareInfluence.js';
import { shareCell, subgroupLayout, type CellLayout } from '../../src/estimate/layout.js';
import { MISSING, type Panel } from '../../src/panel/buildPanel.js';
import { RandomStream } from '../../src/random/stream.js';

/** boot's usual.jack read literally: L_i = (N_h − 1)(t − t₍₋ᵢ₎), refitting without person i. */
function bruteForce(values: Uint8Array, arm: Uint8Array, block: Int32Array, inGroup: (p: number) => boolean, a: number, o: number, t: number, O: number, T: number) {
  const persons = arm.length;
  const share = (without: number) => {
    let n = 0;
    let e = 0;
    for (let p = 0; p < persons; p++) {
      if (p === without || arm[p] !== a || !inGroup(p)) continue;
      const v = values[(p * O + o) * T + t];
      if (v === MISSING) continue;
      n++;
      e += v;
    }
    return e / n;
  };
  const t0 = share(-1);
  let s2 = 0;
  let s3 = 0;
  for (let p = 0; p < persons; p++) {
    let stratum = 0;
    for (let q = 0; q < persons; q++) if (arm[q] === arm[p] && block[q] === block[p]) stratum++;
    const l = (stratum - 1) * (t0 - share(p));
    s2 += l * l;
    s3 += l * l * l;
  }
  return { s2, s3 };
}

describe('shareInfluenceSums', () => {
  it('equals the stratified jackknife computed by leaving each person out, in every cell', () => {
    const rng = new RandomStream(3, 3);
    const persons = 90;
    const O = 2;
    const T = 3;
    const arm = Uint8Array.from({ length: persons }, (_, p) => p % 2);
    const block = Int32Array.from({ length: persons }, () => rng.nextInt(3));
    const gender = Int32Array.from({ length: persons }, () => rng.nextInt(2));
    const values = new Uint8Array(persons * O * T);
    for (let p = 0; p < persons; p++) {
      const last = rng.nextFloat() < 0.2 ? 2 : 3;
      for (let o = 0; o < O; o++) for (let t = 0; t < T; t++) values[(p * O + o) * T + t] = t >= last ? MISSING : rng.nextFloat() < 0.3 ? 1 : 0;
    }
    const panel: Panel = { persons, outcomes: ['x', 'y'], months: Int32Array.of(1, 2, 3), values, status: new Uint8Array(0), censored: new Int32Array(T) };
    const groups = subgroupLayout(persons, new Map([['gender', { levels: ['K', 'M'], codes: gender }]]));
    const layout: CellLayout = { outcomes: O, subgroups: 3, arms: 2, months: T };
    const sums = shareInfluenceSums(panel, arm, block, 3, groups, layout);
    for (let o = 0; o < O; o++) {
      for (let s = 0; s < 3; s++) {
        const inGroup = (p: number) => s === 0 || gender[p] === s - 1;
        for (let a = 0; a < 2; a++) {
          for (let t = 0; t < T; t++) {
            const expected = bruteForce(values, arm, block, inGroup, a, o, t, O, T);
            const cell = shareCell(layout, o, s, a, t);
            expect(sums.squares[cell]).toBeCloseTo(expected.s2, 10);
            expect(sums.cubes[cell]).toBeCloseTo(expected.s3, 10);
          }
        }
      }
    }
  });

  it('gives acceleration 0 for a symmetric distribution and when every value is equal', () => {
    expect(accelerationFromSums(0, 0)).toBe(0);
    expect(accelerationFromSums(2, 0)).toBe(0);
    expect(accelerationFromSums(4, 6)).toBeCloseTo(6 / (6 * 8), 15);
  });
});
