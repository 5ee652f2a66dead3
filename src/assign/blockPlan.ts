/**
 * The permuted block an allocation implies: the smallest block length L for
 * which every arm's share × L is a whole number (3 for 1:1:1, 5 for 60/40),
 * and how many places of each block go to each arm.
 */
import { UsageError } from '../errors.js';

export interface BlockPlan {
  arms: string[];
  /** Places per block by arm, in `arms` order. */
  counts: number[];
  /** Block length L = sum of counts. */
  length: number;
}

/** Longest block searched: an allocation needing more is almost surely a typo. */
export const MAX_BLOCK_LENGTH = 100;
// Shares written with a few decimals (0.333, 0.333, 0.334) still mean 1:1:1.
const WHOLE_TOLERANCE = 0.005;

/**
 * @example blockPlan(['NOW', 'WAIT'], { NOW: 0.6, WAIT: 0.4 }) // { counts: [3, 2], length: 5 }
 */
export function blockPlan(arms: readonly string[], allocation: Readonly<Record<string, number>>): BlockPlan {
  const missing = arms.filter((arm) => !(allocation[arm] > 0));
  if (missing.length > 0) throw new UsageError(`allocation: every arm needs a share, missing ${missing.join(', ')}`);
  const total = arms.reduce((sum, arm) => sum + allocation[arm], 0);
  if (Math.abs(total - 1) > 0.01) throw new UsageError(`allocation: the shares must add up to 1, they add up to ${total}`);
  const shares = arms.map((arm) => allocation[arm] / total);
  for (let length = arms.length; length <= MAX_BLOCK_LENGTH; length++) {
    const counts = shares.map((share) => Math.round(share * length));
    const whole = shares.every((share, k) => counts[k] >= 1 && Math.abs(share * length - counts[k]) <= WHOLE_TOLERANCE);
    if (whole && counts.reduce((sum, c) => sum + c, 0) === length) return { arms: [...arms], counts, length };
  }
  throw new UsageError(
    `allocation ${arms.map((arm) => `${arm} ${allocation[arm]}`).join(', ')} fits no permuted block of at most ${MAX_BLOCK_LENGTH} persons: use shares that are a ratio of small whole numbers`,
  );
}
