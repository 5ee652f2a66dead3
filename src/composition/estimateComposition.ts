/**
 * Composition of work: at every month, each arm's share in each exclusive
 * status, and the effect (difference to the reference) on each: the rows
 * estimate() would give for the statuses as 0/1 pseudo-outcomes on subgroup
 * `all` with the `diff` estimator and normal-approximation p-values,
 * whatever the main estimator, from their own bootstrap (statusBootstrap.ts:
 * persons resampled within the same arm × block strata, drawn month by
 * month). Each interval has the person bootstrap's distribution; the
 * replicates are not joint across months nor with the main estimates', so
 * effect rows carry no simultaneous band (band_low and band_high null).
 *
 * Small cells are marked by estimate()'s primary rule; the statuses of an
 * arm-month add up to its n, so the complements that stop a hidden cell
 * from being recovered by subtraction are chosen by disclosure control
 * (src/disclosure, which treats this table as a partition).
 */
import { bootstrapInterval } from '../estimate/bootstrapInterval.js';
import { normalPValue } from '../estimate/difference.js';
import { isSmallCell } from '../estimate/disclosure.js';
import { differenceInference } from '../estimate/effectInference.js';
import { applyHolm, intervalWarnings, type EstimateInput, type IntervalTally } from '../estimate/estimate.js';
import { shareCell, subgroupLayout, type CellLayout } from '../estimate/layout.js';
import { accelerationFromSums, shareInfluenceSums } from '../estimate/shareInfluence.js';
import { STATUS_NAMES } from '../panel/spellTypes.js';
import type { CompositionSection, EffectRow, ShareRow } from '../results.js';
import { awaitAllWritten, claimsLeft, sharedClaims } from '../threads/replicateClaims.js';
import { statusCounts, statusShareReplicates, type StatusDesign } from './statusBootstrap.js';
import { statusPanel } from './statusPanel.js';

export type CompositionInput = Omit<EstimateInput, 'groups'>;

export interface CompositionResult {
  section: CompositionSection;
  /** The warnings about intervals, worded as estimate() words them. */
  warnings: string[];
}

/**
 * The composition's replicates in shared memory (replicateClaims.ts), so
 * that the main thread, once done with its own estimate, can take some of
 * those the worker thread has not reached: counters and the shares
 * (statusShareCells × B numbers).
 */
export interface CompositionSharing {
  counters: Int32Array;
  shares: Float64Array;
}

function statusDesign(input: CompositionInput): StatusDesign {
  return { panel: input.panel, arm: input.arm, block: input.block, blockCount: input.blockCount, arms: input.config.arms.length };
}

/** Computes replicates of `sharing` that no thread has taken yet, for the thread that owns it (estimateComposition). */
export function helpWithComposition(input: CompositionInput, sharing: CompositionSharing): void {
  const B = input.config.bootstrap.replicates;
  if (!claimsLeft(sharing.counters, B)) return;
  statusShareReplicates(statusDesign(input), input.config.bootstrap.seed, B, { claims: sharedClaims(sharing.counters, B), shares: sharing.shares });
}

export function estimateComposition(input: CompositionInput, sharing?: CompositionSharing): CompositionResult {
  const { panel, config } = input;
  const A = config.arms.length;
  const ref = config.arms.indexOf(config.reference);
  const B = config.bootstrap.replicates;
  const { level, ci: method } = config.bootstrap;
  const layout: CellLayout = { outcomes: STATUS_NAMES.length, subgroups: 1, arms: A, months: panel.months.length };
  const design = statusDesign(input);
  const counts = statusCounts(design);
  let replicates: Float64Array;
  if (sharing) {
    statusShareReplicates(design, config.bootstrap.seed, B, { claims: sharedClaims(sharing.counters, B), shares: sharing.shares });
    awaitAllWritten(sharing.counters, B);
    replicates = sharing.shares;
  } else replicates = statusShareReplicates(design, config.bootstrap.seed, B);
  // BCa's acceleration needs the jackknife sums over the statuses as 0/1 outcomes (a large panel: only then).
  const influence = method === 'bca' ? shareInfluenceSums(statusPanel(panel), input.arm, input.block, input.blockCount, subgroupLayout(panel.persons, new Map()), layout) : null;
  const effects = differenceInference(counts, replicates, B, layout, ref, influence);

  const tally: IntervalTally = { degenerate: 0, partial: 0, fellBack: 0 };
  const scratch = new Float64Array(B);
  const interval = (estimate: number, values: Float64Array, squares: number, cubes: number, counted: boolean) => {
    const ci = bootstrapInterval(method, estimate, values, level, accelerationFromSums(squares, cubes), scratch);
    if (counted && ci) {
      if (ci.degenerate) tally.degenerate++;
      if (ci.used < B) tally.partial++;
      if (ci.fellBack) tally.fellBack++;
    }
    return ci;
  };
  const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

  const suppressed = new Uint8Array(counts.events.length);
  const shares: ShareRow[] = [];
  STATUS_NAMES.forEach((status, k) => {
    for (let a = 0; a < A; a++) {
      for (let t = 0; t < layout.months; t++) {
        const cell = shareCell(layout, k, 0, a, t);
        const n = counts.n[a * layout.months + t];
        const events = counts.events[cell];
        const hidden = isSmallCell(events, n, config.minCellSize);
        suppressed[cell] = hidden ? 1 : 0;
        const share = n === 0 ? NaN : events / n;
        const ci = interval(share, replicates.subarray(cell * B, (cell + 1) * B), influence?.squares[cell] ?? 0, influence?.cubes[cell] ?? 0, !hidden);
        shares.push({ outcome: status, subgroup: 'all', arm: config.arms[a], month: panel.months[t], n, events, share: n === 0 ? null : share, ci_low: ci ? ci.low : null, ci_high: ci ? ci.high : null, suppressed: hidden });
      }
    }
  });

  const effectRows: EffectRow[] = [];
  STATUS_NAMES.forEach((status, k) => {
    for (let a = 0; a < A; a++) {
      if (a === ref) continue;
      for (let t = 0; t < layout.months; t++) {
        const cell = shareCell(layout, k, 0, a, t);
        const hidden = suppressed[cell] === 1 || suppressed[shareCell(layout, k, 0, ref, t)] === 1;
        const value = effects.estimates[cell];
        const se = effects.se[cell];
        const ci = interval(value, effects.replicates.subarray(cell * B, (cell + 1) * B), effects.squares?.[cell] ?? 0, effects.cubes?.[cell] ?? 0, !hidden);
        const p = Number.isFinite(value) && Number.isFinite(se) ? normalPValue(value, se) : null;
        effectRows.push({
          outcome: status,
          subgroup: 'all',
          arm: config.arms[a],
          reference: config.reference,
          month: panel.months[t],
          estimator: 'diff',
          estimate: finiteOrNull(value),
          se: finiteOrNull(se),
          ci_low: ci ? ci.low : null,
          ci_high: ci ? ci.high : null,
          p,
          p_method: 'normal',
          band_low: null,
          band_high: null,
          suppressed: hidden,
        });
      }
    }
  });
  applyHolm(effectRows, config);
  return {
    section: { statuses: [...STATUS_NAMES], shares, effects: effectRows },
    warnings: intervalWarnings(tally, B, method),
  };
}
