/**
 * Empirical power with the analysis's own engine (eval power --simulate R
 * --simulate-test bootstrap): each simulated trial is analysed as `eval run`
 * would, with the stratified person bootstrap (bootstrapShares) and a
 * percentile interval for the difference to the reference; the comparison
 * rejects when the interval excludes 0. Slower than the z-test (R × B
 * resamples), so meant for small designs and modest R.
 */
import { UsageError } from '../errors.js';
import { bootstrapShares } from '../estimate/bootstrap.js';
import { subgroupLayout } from '../estimate/layout.js';
import { percentileInterval } from '../estimate/percentile.js';
import type { Panel } from '../panel/buildPanel.js';
import { RandomStream } from '../random/stream.js';
import { BinomialTable } from './binomialTable.js';
import { powerForDesign } from './powerForDesign.js';
import { simulationResult, type PowerSimulationOptions, type PowerSimulationResult } from './simulatePower.js';

export interface BootstrapPowerOptions extends PowerSimulationOptions {
  /** Bootstrap replicates per simulated trial. */
  bootstrapReplicates: number;
}

export function simulateBootstrapPower(options: BootstrapPowerOptions): PowerSimulationResult {
  const { replicates, seed, perArm, bootstrapReplicates: B } = options;
  if (!Number.isInteger(replicates) || replicates < 1) throw new UsageError(`simulate: expected a whole number of trials ≥ 1 (got ${replicates})`);
  if (!Number.isInteger(B) || B < 2) throw new UsageError(`bootstrap replicates: expected a whole number ≥ 2 (got ${B})`);
  const analytic = powerForDesign(options);
  const { design, p1 } = analytic;
  const level = 1 - design.alphaPerComparison;
  const arms = perArm.length;
  const persons = perArm.reduce((sum, n) => sum + n, 0);
  const arm = new Uint8Array(persons);
  for (let a = 0, p = 0; a < arms; a++) for (let k = 0; k < perArm[a]; k++) arm[p++] = a;
  const values = new Uint8Array(persons);
  const block = new Int32Array(persons);
  const panel: Panel = { persons, outcomes: ['y'], months: Int32Array.of(1), values, status: new Uint8Array(0), censored: new Int32Array(1) };
  const groups = subgroupLayout(persons, new Map());
  const layout = { outcomes: 1, subgroups: 1, arms, months: 1 };
  const tables = perArm.map((n, a) => new BinomialTable(n, a === 0 ? design.p0 : p1));
  const rejections = new Array<number>(arms - 1).fill(0);
  const stream = new RandomStream(seed, 0);
  const difference = new Float64Array(B);
  for (let r = 0; r < replicates; r++) {
    stream.reseed(seed, r);
    // Persons are exchangeable within an arm: the first `events` of each arm are in the outcome.
    for (let a = 0, p = 0; a < arms; a++) {
      const events = tables[a].draw(stream);
      for (let k = 0; k < perArm[a]; k++) values[p++] = k < events ? 1 : 0;
    }
    // The trial's bootstrap seed comes from its own stream, so trial r depends on (seed, r) alone.
    const reps = bootstrapShares({ panel, arm, block, blockCount: 1, groups, layout }, stream.nextUint32(), B);
    for (let k = 1; k < arms; k++) {
      for (let b = 0; b < B; b++) difference[b] = reps.shares[k * B + b] - reps.shares[b];
      const ci = percentileInterval(difference, level);
      if (ci && (ci.low > 0 || ci.high < 0)) rejections[k - 1]++;
    }
  }
  return simulationResult(rejections, replicates, seed, analytic.powerByComparison);
}
