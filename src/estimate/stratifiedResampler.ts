/**
 * A bootstrap replicate as person multiplicities (frequency weights), for
 * the estimators that refit on the resample (blocked, ols, lin, person-level
 * outcomes). Replicate b takes exactly the group counts bootstrapShares
 * draws for replicate b (groupMultinomial.ts, over the same groups:
 * bootstrapGroups of the same design and primary outcome) and spreads each
 * group's count over its persons; so shares, effects and every other
 * statistic of a replicate come from one resample, as methods.md requires.
 */
import { RandomStream } from '../random/stream.js';
import { drawGroupCounts, GroupCounts, spreadOverMembers, type ResampleGroups } from './groupMultinomial.js';

export class StratifiedResampler {
  private readonly counts: GroupCounts;
  private readonly rng = new RandomStream(0, 0);

  /** `groups`: bootstrapGroups of the design whose share replicates these must match. */
  constructor(private readonly groups: ResampleGroups) {
    this.counts = new GroupCounts(groups);
  }

  /** Writes replicate b's multiplicity of every person into `weights` (allocation-free). */
  draw(seed: number, b: number, weights: Float64Array): void {
    drawGroupCounts(this.groups, seed, b, this.rng, this.counts);
    weights.fill(0);
    spreadOverMembers(this.groups, this.counts.fine, seed, b, this.rng, weights);
  }
}
