/**
 * Shares by outcome × subgroup × arm × month and differences to the
 * reference arm, with bootstrap intervals (methods.md). Pure: typed arrays
 * in, result rows out.
 *
 * Every row carries its full values; `suppressed: true` marks the rows the
 * primary disclosure rule hides (small cells) and the effects built on them.
 * Nothing is nulled here: disclosure control (src/disclosure) adds the
 * complementary cells and nulls the values of every hidden row, or, with
 * disclosure control off, shows them all. These rows must therefore not be
 * published without passing through applyDisclosureControl.
 */
import type { ResolvedConfig } from '../config/types.js';
import type { Panel } from '../panel/buildPanel.js';
import type { EffectRow, ShareRow } from '../results.js';
import { bootstrapShares } from './bootstrap.js';
import { countCells } from './counts.js';
import { differenceSe, normalPValue } from './difference.js';
import { isSmallCell } from './disclosure.js';
import { nCell, shareCell, type CellLayout, type SubgroupLayout } from './layout.js';
import { percentileInterval } from './percentile.js';

export interface EstimateInput {
  panel: Panel;
  arm: Uint8Array;
  block: Int32Array;
  blockCount: number;
  groups: SubgroupLayout;
  config: Pick<ResolvedConfig, 'arms' | 'reference' | 'bootstrap' | 'minCellSize' | 'inference' | 'estimator'>;
}

export interface Estimates {
  shares: ShareRow[];
  effects: EffectRow[];
  warnings: string[];
}

export function estimate(input: EstimateInput): Estimates {
  const { panel, groups, config } = input;
  const layout: CellLayout = {
    outcomes: panel.outcomes.length,
    subgroups: groups.labels.length,
    arms: config.arms.length,
    months: panel.months.length,
  };
  const counts = countCells(panel, input.arm, groups, layout);
  const B = config.bootstrap.replicates;
  const level = config.bootstrap.level;
  const reps = bootstrapShares({ ...input, layout }, config.bootstrap.seed, B);
  const ref = config.arms.indexOf(config.reference);
  const scratch = new Float64Array(B);
  const selection = new Float64Array(B);
  let degenerate = 0;
  let partial = 0;
  const shares: ShareRow[] = [];
  const effects: EffectRow[] = [];
  const suppressed = new Uint8Array(counts.events.length);

  const replicatesOf = (cell: number) => reps.shares.subarray(cell * B, (cell + 1) * B);
  // The warnings count only intervals the primary rule leaves to be shown,
  // so they describe the published report, not cells it hides.
  const interval = (values: ArrayLike<number>, counted: boolean) => {
    const ci = percentileInterval(values, level, selection);
    if (counted && ci?.degenerate) degenerate++;
    if (counted && ci && ci.used < B) partial++;
    return ci;
  };

  for (let o = 0; o < layout.outcomes; o++) {
    for (let s = 0; s < layout.subgroups; s++) {
      for (let a = 0; a < layout.arms; a++) {
        for (let t = 0; t < layout.months; t++) {
          const cell = shareCell(layout, o, s, a, t);
          const n = counts.n[nCell(layout, s, a, t)];
          const events = counts.events[cell];
          const hidden = isSmallCell(events, n, config.minCellSize);
          suppressed[cell] = hidden ? 1 : 0;
          const ci = interval(replicatesOf(cell), !hidden);
          shares.push({
            outcome: panel.outcomes[o],
            subgroup: groups.labels[s],
            arm: config.arms[a],
            month: panel.months[t],
            n,
            events,
            // Nobody observed (every person censored): no share, not a NaN.
            share: n === 0 ? null : events / n,
            ci_low: ci ? ci.low : null,
            ci_high: ci ? ci.high : null,
            suppressed: hidden,
          });
        }
      }
      for (let a = 0; a < layout.arms; a++) {
        if (a === ref) continue;
        for (let t = 0; t < layout.months; t++) {
          const cell = shareCell(layout, o, s, a, t);
          const refCell = shareCell(layout, o, s, ref, t);
          const hidden = suppressed[cell] === 1 || suppressed[refCell] === 1;
          const row: EffectRow = {
            outcome: panel.outcomes[o],
            subgroup: groups.labels[s],
            arm: config.arms[a],
            reference: config.reference,
            month: panel.months[t],
            estimator: 'diff',
            estimate: null,
            se: null,
            ci_low: null,
            ci_high: null,
            p: null,
            p_method: 'normal',
            suppressed: hidden,
          };
          const n1 = counts.n[nCell(layout, s, a, t)];
          const n0 = counts.n[nCell(layout, s, ref, t)];
          if (n1 > 0 && n0 > 0) {
            const estimateValue = counts.events[cell] / n1 - counts.events[refCell] / n0;
            const se = differenceSe(counts.events[cell], n1, counts.events[refCell], n0);
            const armReps = replicatesOf(cell);
            const refReps = replicatesOf(refCell);
            for (let b = 0; b < B; b++) scratch[b] = armReps[b] - refReps[b];
            const ci = interval(scratch, !hidden);
            row.estimate = estimateValue;
            row.se = se;
            row.ci_low = ci ? ci.low : null;
            row.ci_high = ci ? ci.high : null;
            row.p = se === null ? null : normalPValue(estimateValue, se);
          }
          effects.push(row);
        }
      }
    }
  }

  const warnings: string[] = [];
  if (config.inference.method === 'randomization') {
    warnings.push('inference.method "randomization" is not implemented yet: p-values use the normal approximation from the analytic SE (p_method "normal").');
  }
  if (degenerate > 0) {
    warnings.push(`${degenerate} intervals come from a degenerate bootstrap distribution (every replicate equal, e.g. a share of 0): the interval is the point estimate.`);
  }
  if (partial > 0) {
    warnings.push(`${partial} intervals use fewer than ${B} replicates: some replicates drew nobody into the cell.`);
  }
  return { shares, effects, warnings };
}
