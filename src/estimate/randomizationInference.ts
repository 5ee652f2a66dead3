/**
 * Randomization inference for effects (methods.md, p-values): for each
 * non-reference arm, the arm labels are permuted within blocks among the
 * persons of that arm and the reference (every other person keeps their
 * arm), every effect is re-estimated, and
 *   p = (1 + #{|T*| ≥ |T_obs|}) / (1 + R)
 * per effect cell of that arm. When the design has at most R distinct
 * assignments (a local project with 8 participants has 70), every one is
 * visited once instead and p = #{|T*| ≥ |T_obs|} / #assignments, the exact
 * p-value (the observed assignment is one of them).
 *
 * Permutation r of arm a uses random stream (seed ^ a-mask, r), so p-values
 * are the same however the permutations are split. The permutations are
 * drawn as labels (BlockSampler) for a statistic that reads labels, or,
 * where the caller gives `grouped`, as counts per group of alike persons
 * (e.g. permutationProfiles.ts for `diff`), which costs O(groups) instead
 * of O(persons) per permutation; the observed statistic is then taken from
 * the same grouped arithmetic, so that T* = T_obs to the last bit for a
 * permutation that only swaps alike persons. A permutation whose
 * statistic is not estimable (NaN: e.g. nobody of the arm left in a small
 * subgroup-month) does not count, in the numerator or the denominator.
 * "≥" allows a relative rounding of 1e-10, as the balance test does.
 */
import { BlockSampler, distinctAssignments, enumerateAssignments, personsByBlock } from '../balance/randomizationTest.js';
import { RandomStream } from '../random/stream.js';

export interface PermutationDesign {
  arm: Uint8Array;
  block: Int32Array;
  blockCount: number;
  arms: number;
  reference: number;
}

/** Re-estimates every effect cell under arm labels `labels`. */
export type EffectStatistic = (labels: Uint8Array, out: Float64Array) => void;

/** Permutations among one arm and the reference, drawn without person labels; each writes only that arm's effect cells. */
export interface ArmPermutations {
  /** The arm's cells under the observed labels, by the same arithmetic as draw(). */
  observed(out: Float64Array): void;
  /** Draws one within-block permutation from `rng` as it stands and writes the arm's cells. Allocates nothing. */
  draw(rng: RandomStream, out: Float64Array): void;
}

export interface RandomizationPValues {
  /** Per effect cell; NaN for the reference arm and where the observed effect is NaN. */
  p: Float64Array;
  /** Per arm: permutations drawn, or distinct assignments visited when exact; 0 for the reference. */
  permutations: number[];
  exact: boolean[];
}

const RELATIVE_TOLERANCE = 1e-10;

/** Stream family of arm a's permutations, apart from the bootstrap's and the balance test's. */
export function permutationSeed(seed: number, arm: number): number {
  return (seed ^ 0x5eed0000 ^ Math.imul(arm + 1, 0x9e3779b1)) >>> 0;
}

/**
 * `cellsOfArm(a)` lists arm a's effect cells; `observed` holds every cell's
 * observed effect. `grouped(a)`, when given, draws and evaluates the
 * sampled permutations among arm a and the reference (exact enumeration
 * still goes through `statistic`).
 */
export function randomizationPValues(
  design: PermutationDesign,
  observed: Float64Array,
  statistic: EffectStatistic,
  cellsOfArm: (arm: number) => Int32Array,
  seed: number,
  permutations: number,
  grouped?: (arm: number) => ArmPermutations,
): RandomizationPValues {
  const p = new Float64Array(observed.length).fill(NaN);
  const drawn: number[] = new Array(design.arms).fill(0);
  const exact: boolean[] = new Array(design.arms).fill(false);
  const out = new Float64Array(observed.length);
  const labels = new Uint8Array(design.arm.length);

  for (let a = 0; a < design.arms; a++) {
    if (a === design.reference) continue;
    const cells = cellsOfArm(a);
    const bound = new Float64Array(cells.length);
    const setBound = (from: Float64Array) => cells.forEach((c, i) => (bound[i] = Math.abs(from[c]) * (1 - RELATIVE_TOLERANCE)));
    setBound(observed);
    const atLeast = new Float64Array(cells.length);
    const valid = new Float64Array(cells.length);
    const tally = (): void => {
      for (let i = 0; i < cells.length; i++) {
        const value = out[cells[i]];
        if (Number.isNaN(value)) continue;
        valid[i]++;
        if (Math.abs(value) >= bound[i]) atLeast[i]++;
      }
    };

    // The two arms' persons, relabelled as a sub-design; everyone else keeps their arm.
    const members: number[] = [];
    for (let q = 0; q < design.arm.length; q++) if (design.arm[q] === a || design.arm[q] === design.reference) members.push(q);
    const subArm = Uint8Array.from(members, (q) => design.arm[q]);
    const subBlock = Int32Array.from(members, (q) => design.block[q]);
    const blocks = personsByBlock(subBlock, design.blockCount);
    labels.set(design.arm);
    const scatter = (subLabels: Uint8Array): void => {
      for (let i = 0; i < members.length; i++) labels[members[i]] = subLabels[i];
    };

    const assignments = distinctAssignments(subArm, blocks, design.arms, permutations);
    if (assignments <= permutations) {
      enumerateAssignments(subArm, blocks, (subLabels) => {
        scatter(subLabels);
        statistic(labels, out);
        tally();
        return false;
      });
      for (let i = 0; i < cells.length; i++) p[cells[i]] = valid[i] > 0 && !Number.isNaN(observed[cells[i]]) ? atLeast[i] / valid[i] : NaN;
      drawn[a] = assignments;
      exact[a] = true;
      continue;
    }

    const rng = new RandomStream(0, 0);
    const family = permutationSeed(seed, a);
    if (grouped) {
      const draws = grouped(a);
      draws.observed(out);
      setBound(out);
      for (let r = 0; r < permutations; r++) {
        rng.reseed(family, r);
        draws.draw(rng, out);
        tally();
      }
    } else {
      const sampler = new BlockSampler(subArm, subBlock, blocks, design.arms);
      const subLabels = new Uint8Array(members.length);
      for (let r = 0; r < permutations; r++) {
        sampler.draw(rng, family, r, subLabels);
        scatter(subLabels);
        statistic(labels, out);
        tally();
      }
    }
    for (let i = 0; i < cells.length; i++) p[cells[i]] = Number.isNaN(observed[cells[i]]) ? NaN : (1 + atLeast[i]) / (1 + valid[i]);
    drawn[a] = permutations;
  }
  return { p, permutations: drawn, exact };
}
