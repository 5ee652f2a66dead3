/**
 * The balance section (methods.md, Balance; results-schema `balance`): for
 * every variable and non-reference arm the means, the SMD and its flag, the
 * persons left out for a missing value, and the joint randomization test.
 *
 * Disclosure control as for shares: the mean of a 0/1 variable is a share and
 * is withheld when isSmallCell(persons with a 1, persons with a value); any
 * mean is withheld below minCellSize persons; the SMD (from which the count
 * could be recovered) goes with either mean. A missing count of 1 …
 * minCellSize − 1 is withheld too.
 */
import { isSmallCell } from '../estimate/disclosure.js';
import type { BalanceRow, BalanceSection } from '../results.js';
import { armMoments, isImbalanced, pooledStandardDeviation, standardizedMeanDifference, type ArmMoments } from './armMoments.js';
import type { BalanceVariable } from './balanceVariables.js';
import { balanceRandomizationTest } from './randomizationTest.js';

export interface BalanceInput {
  variables: readonly BalanceVariable[];
  /** Arm index per person. */
  arm: Uint8Array;
  block: Int32Array;
  blockCount: number;
  arms: readonly string[];
  reference: string;
  minCellSize: number;
  /** R of the joint test (config.inference.permutations). */
  permutations: number;
  /** config.bootstrap.seed; the test uses balanceSeed(seed). */
  seed: number;
}

/** "BALA": the permutations of the balance test get streams of their own, apart from the bootstrap's. */
const BALANCE_SEED_MASK = 0x42414c41;

export function balanceSeed(bootstrapSeed: number): number {
  return (bootstrapSeed ^ BALANCE_SEED_MASK) >>> 0;
}

export function assessBalance(input: BalanceInput): BalanceSection {
  const A = input.arms.length;
  const ref = input.arms.indexOf(input.reference);
  const armSize = new Float64Array(A);
  for (let p = 0; p < input.arm.length; p++) armSize[input.arm[p]]++;

  const rows: BalanceRow[] = [];
  const weights = new Float64Array(input.variables.length * A);
  input.variables.forEach((variable, k) => {
    const m = armMoments(variable.values, input.arm, A);
    const hidden = (a: number) => meanIsSmallCell(variable, m, a, input.minCellSize);
    const missing = (a: number) => armSize[a] - m.n[a];
    const missingHidden = (a: number) => isSmallCell(missing(a), armSize[a], input.minCellSize);
    for (let a = 0; a < A; a++) {
      if (a === ref) continue;
      const smd = standardizedMeanDifference(m.mean[a], m.variance[a], m.mean[ref], m.variance[ref]);
      if (smd !== null) weights[k * A + a] = 1 / pooledStandardDeviation(m.variance[a], m.variance[ref]);
      const suppressed = hidden(a) || hidden(ref);
      const missingSuppressed = missingHidden(a) || missingHidden(ref);
      rows.push({
        variable: variable.variable,
        month: variable.month,
        kind: variable.kind,
        arm: input.arms[a],
        reference: input.reference,
        mean: hidden(a) || !Number.isFinite(m.mean[a]) ? null : m.mean[a],
        reference_mean: hidden(ref) || !Number.isFinite(m.mean[ref]) ? null : m.mean[ref],
        smd: suppressed ? null : smd,
        flagged: suppressed || smd === null ? null : isImbalanced(smd),
        missing: missingHidden(a) ? null : missing(a),
        reference_missing: missingHidden(ref) ? null : missing(ref),
        missing_suppressed: missingSuppressed,
        suppressed,
      });
    }
  });

  if (!weights.some((w) => w !== 0)) return { rows, joint: null };
  const seed = balanceSeed(input.seed);
  const test = balanceRandomizationTest(
    { variables: input.variables.map((v) => v.values), arms: A, reference: ref, weights, arm: input.arm, block: input.block, blockCount: input.blockCount },
    seed,
    input.permutations,
  );
  return {
    rows,
    joint: { statistic: test.statistic, p: test.p, method: 'randomization', permutations: test.permutations, exact: test.exact, seed, terms: test.terms },
  };
}

function meanIsSmallCell(variable: BalanceVariable, m: ArmMoments, a: number, minCellSize: number): boolean {
  return variable.kind === 'binary' ? isSmallCell(m.sum[a], m.n[a], minCellSize) : m.n[a] < minCellSize;
}
