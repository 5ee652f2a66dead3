/**
 * The main bootstrap's replicates for cost-effectiveness, which reads the
 * primary outcome only (the analysis sections get the one-outcome panel).
 *
 * Replicate b draws the counts of the coarse groups of groupMultinomial.ts
 * (stratum × subgroup levels × primary outcome history) exactly as the main
 * estimates' replicate b does on the whole panel: the same groups, order and
 * stream, so every statistic of the primary outcome (its shares, its
 * person-months) is the main replicate's. The other outcomes' finer groups
 * are unknown here and not needed; a coarse count is spread over the
 * group's persons (for their costs) by uniform draws on the person stream of
 * (seed, b), a split with the right distribution though not the one the
 * refitting estimators draw from the finer groups. No allocation per
 * replicate.
 */
import { drawGroupCounts, resampleGroups, spreadOverMembers, sumOverDrawnMembers, type GroupCounts, type ResampleGroups } from '../estimate/groupMultinomial.js';
import type { SubgroupLayout } from '../estimate/layout.js';
import type { Panel } from '../panel/buildPanel.js';
import type { RandomStream } from '../random/stream.js';

export interface ResamplingDesign {
  panel: Panel;
  /** Index of the primary outcome in panel.outcomes. */
  outcome: number;
  arm: Uint8Array;
  block: Int32Array;
  blockCount: number;
  arms: number;
  groups: SubgroupLayout;
}

/** The groups replicates are drawn over: the main bootstrap's coarse groups (none finer). */
export function resamplingGroups(d: ResamplingDesign): ResampleGroups {
  return resampleGroups({ ...d, primaryOutcome: d.outcome, refine: false });
}

/**
 * Replicate b of stream family `seed`: its group counts into `counts` and
 * how often it drew each person into `times`. `rng` is any RandomStream; it
 * is repositioned.
 */
export function drawMultiplicities(groups: ResampleGroups, seed: number, b: number, rng: RandomStream, counts: GroupCounts, times: Int32Array): void {
  drawGroupCounts(groups, seed, b, rng, counts);
  times.fill(0);
  spreadOverMembers(groups, counts.fine, seed, b, rng, times);
}

/**
 * Per resampling group, the cost summed over the persons a resample drew
 * and how many of them have a cost: exactly what drawMultiplicities' persons
 * give. Persons are drawn only when costs differ within some group
 * (person-level costs); with one cost per arm a group's sum is its count
 * times that cost.
 */
export class ResampledCosts {
  readonly sum: Float64Array;
  readonly persons: Float64Array;
  /** Costs by position in groups.members, and each group's common cost (NaN for none) unless costs differ. */
  private readonly byPosition: Float64Array;
  private readonly common: Float64Array;
  private readonly differ: boolean;

  constructor(
    private readonly groups: ResampleGroups,
    cost: Float64Array,
  ) {
    const F = groups.fine.size.length;
    this.sum = new Float64Array(F);
    this.persons = new Float64Array(F);
    this.byPosition = Float64Array.from(groups.members, (p) => cost[p]);
    this.common = new Float64Array(F);
    let differ = false;
    for (let f = 0; f < F && !differ; f++) {
      const first = groups.fineMembers[f];
      const c = this.byPosition[first];
      this.common[f] = c;
      for (let i = first + 1; i < groups.fineMembers[f + 1] && !differ; i++) differ = !Object.is(this.byPosition[i], c);
    }
    this.differ = differ;
  }

  /** Every person once (the estimate). */
  all(): void {
    const { fineMembers } = this.groups;
    this.sum.fill(0);
    this.persons.fill(0);
    for (let f = 0; f + 1 < fineMembers.length; f++) {
      for (let i = fineMembers[f]; i < fineMembers[f + 1]; i++) {
        const c = this.byPosition[i];
        if (c !== c) continue;
        this.sum[f] += c;
        this.persons[f]++;
      }
    }
  }

  /** Replicate b, whose group counts are `counts` (drawGroupCounts of the same groups, seed and b). */
  draw(counts: GroupCounts, seed: number, b: number, rng: RandomStream): void {
    if (this.differ) {
      sumOverDrawnMembers(this.groups, counts.fine, seed, b, rng, this.byPosition, this.sum, this.persons);
      return;
    }
    const { fine } = counts;
    for (let f = 0; f < fine.length; f++) {
      const c = this.common[f];
      const known = c === c; // NaN (no cost) fails c === c
      this.sum[f] = known && fine[f] > 0 ? fine[f] * c : 0;
      this.persons[f] = known ? fine[f] : 0;
    }
  }
}
