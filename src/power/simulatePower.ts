/**
 * Empirical power by simulation (eval power --simulate R): R trials drawn
 * under the alternative, each comparison tested as the analysis would, the
 * share of rejections reported with its Monte Carlo SE. A check on the
 * normal approximation behind the analytic power, which matters most for
 * small arms and shares near 0 or 1.
 *
 * The test is the pooled two-proportion z-test (R's prop.test with
 * correct = FALSE): the test whose power power.prop.test approximates. It
 * is chosen over the bootstrap percentile CI because a bootstrap inside each
 * of R trials costs R × B resamples for the same answer in large samples.
 */
import { UsageError } from '../errors.js';
import { RandomStream } from '../random/stream.js';
import { BinomialTable } from './binomialTable.js';
import { powerForDesign, type DesignPowerOptions } from './powerForDesign.js';

export interface PowerSimulationOptions extends DesignPowerOptions {
  /** Simulated trials R. */
  replicates: number;
  /** Trial r draws from RandomStream(seed, r): the result does not depend on anything else. */
  seed: number;
}

export interface PowerSimulationResult {
  replicates: number;
  seed: number;
  /** Per non-reference arm: trials in which its comparison rejected. */
  rejections: number[];
  /** rejections / R. */
  power: number[];
  /** sqrt(power (1 − power) / R). */
  monteCarloSe: number[];
  /** The analytic power of the same design, for comparison. */
  analyticPower: number[];
}

export function simulatePower(options: PowerSimulationOptions): PowerSimulationResult {
  const { replicates, seed, perArm } = options;
  if (!Number.isInteger(replicates) || replicates < 1) throw new UsageError(`simulate: expected a whole number of trials ≥ 1 (got ${replicates})`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new UsageError(`seed: expected a whole number from 0 to 4294967295 (got ${seed})`);
  if (!perArm.every((n) => Number.isInteger(n) && n >= 1)) throw new UsageError(`perArm: expected whole numbers of persons (got ${perArm.join(', ')})`);
  const analytic = powerForDesign(options);
  const { design, p1 } = analytic;
  const tables = perArm.map((n, arm) => new BinomialTable(n, arm === 0 ? design.p0 : p1));
  const rejections = new Array<number>(perArm.length - 1).fill(0);
  const events = new Float64Array(perArm.length);
  const stream = new RandomStream(seed, 0);
  for (let r = 0; r < replicates; r++) {
    stream.reseed(seed, r);
    for (let arm = 0; arm < tables.length; arm++) events[arm] = tables[arm].draw(stream);
    for (let k = 1; k < perArm.length; k++) {
      if (pooledZTestRejects(events[0], perArm[0], events[k], perArm[k], design.zAlpha)) rejections[k - 1]++;
    }
  }
  return simulationResult(rejections, replicates, seed, analytic.powerByComparison);
}

/** Rejection counts as empirical power with binomial Monte Carlo SEs. */
export function simulationResult(rejections: number[], replicates: number, seed: number, analyticPower: number[]): PowerSimulationResult {
  const power = rejections.map((count) => count / replicates);
  return {
    replicates,
    seed,
    rejections,
    power,
    monteCarloSe: power.map((p) => Math.sqrt((p * (1 - p)) / replicates)),
    analyticPower,
  };
}

/** |p̂1 − p̂0| / sqrt(p̂(1 − p̂)(1/n0 + 1/n1)) > z, p̂ pooled; no rejection when every person or none is in the outcome. */
export function pooledZTestRejects(events0: number, n0: number, events1: number, n1: number, zAlpha: number): boolean {
  const pooled = (events0 + events1) / (n0 + n1);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n0 + 1 / n1));
  if (se === 0) return false;
  return Math.abs(events1 / n1 - events0 / n0) / se > zAlpha;
}
