/**
 * Person-level programme costs in SEK: right-skewed (log-normal) around an
 * arm mean. SE and CM are staff-intensive (a consultant or case manager per
 * about 20 participants), FS is not (ae-trial-2017.md).
 */
import { RandomStream } from '../random/stream.js';
import type { SimulatedParticipants } from './population.js';
import { purposeSeed, standardNormal } from './sampling.js';

/** Mean cost per participant by arm index (FS, SE, CM). */
export const MEAN_COST_BY_ARM = [30_000, 65_000, 55_000];
/** Standard deviation of log cost. */
const LOG_SD = 0.5;

const COSTS_PURPOSE = 4;

/** Whole SEK per person. */
export function simulateCosts(p: SimulatedParticipants, seed: number): Int32Array {
  const rng = new RandomStream(purposeSeed(seed, COSTS_PURPOSE), 0);
  const costs = new Int32Array(p.count);
  for (let i = 0; i < p.count; i++) {
    // E[exp(mu + sd Z)] = exp(mu + sd²/2), so mu puts the mean on the arm's.
    const mu = Math.log(MEAN_COST_BY_ARM[p.arm[i]]) - (LOG_SD * LOG_SD) / 2;
    costs[i] = Math.round(Math.exp(mu + LOG_SD * standardNormal(rng)));
  }
  return costs;
}
